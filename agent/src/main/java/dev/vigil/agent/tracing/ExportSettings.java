package dev.vigil.agent.tracing;

import dev.vigil.agent.config.OtelConfig;
import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;

/**
 * How spans are batched for export ({@code OTEL_BSP_*}) and what one span may hold (the span limits,
 * {@code OTEL_SPAN_*}, {@code OTEL_EVENT_*}, {@code OTEL_ATTRIBUTE_*}); where they go and how is the traces channel's
 * business (otlp/OtlpSettings). A bad value logs one line naming it and the default used.
 */
public final class ExportSettings {
  /** Vigil's own bound on a string value when no limit is set (the specification sets none). */
  static final int DEFAULT_VALUE_LENGTH = 4096;

  public final long scheduleDelayMillis;
  public final int maxQueueSize;
  public final int maxExportBatchSize;
  /** Attributes a span keeps beyond the slots of its shape. */
  public final int attributeCountLimit;
  public final int eventCountLimit;
  public final int eventAttributeCountLimit;
  public final int linkCountLimit;
  public final int linkAttributeCountLimit;
  /** Longest string value of a span or event attribute, in characters. */
  public final int valueLengthLimit;
  /** Whether spans are also printed, one line each, on standard output (OTEL_TRACES_EXPORTER=console). */
  final boolean console;
  /** Whether spans go over OTLP. */
  final boolean otlp;

  ExportSettings(VigilConfig config, boolean otlp, boolean console) {
    OtelConfig otel = OtelConfig.of(config);
    scheduleDelayMillis = otel.millis(OtelKeys.BSP_SCHEDULE_DELAY);
    maxQueueSize = Math.max(1, otel.integer(OtelKeys.BSP_MAX_QUEUE_SIZE));
    maxExportBatchSize = Math.max(1, Math.min(otel.integer(OtelKeys.BSP_MAX_EXPORT_BATCH_SIZE), maxQueueSize));
    attributeCountLimit = otel.countLimit(OtelKeys.SPAN_ATTRIBUTE_COUNT_LIMIT);
    eventCountLimit = otel.integer(OtelKeys.SPAN_EVENT_COUNT_LIMIT);
    eventAttributeCountLimit = otel.countLimit(OtelKeys.EVENT_ATTRIBUTE_COUNT_LIMIT);
    linkCountLimit = otel.integer(OtelKeys.SPAN_LINK_COUNT_LIMIT);
    linkAttributeCountLimit = otel.countLimit(OtelKeys.LINK_ATTRIBUTE_COUNT_LIMIT);
    valueLengthLimit = otel.valueLengthLimit(OtelKeys.SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT, DEFAULT_VALUE_LENGTH);
    this.otlp = otlp;
    this.console = console;
  }

  /** Spans over OTLP only. */
  public static ExportSettings of(VigilConfig config) {
    return new ExportSettings(config, true, false);
  }

  public static ExportSettings of(VigilConfig config, boolean otlp, boolean console) {
    return new ExportSettings(config, otlp, console);
  }
}
