package dev.vigil.agent.tracing;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;

/**
 * How spans are batched for export, from the standard {@code OTEL_BSP_*} variables (where they go and how is the
 * traces channel's business: otlp/OtlpSettings). A bad value logs one line naming it and the default used.
 */
public final class ExportSettings {
  public final long scheduleDelayMillis;
  public final int maxQueueSize;
  public final int maxExportBatchSize;

  ExportSettings(VigilConfig config) {
    scheduleDelayMillis = positive(config.otel("otel.bsp.schedule.delay"), "OTEL_BSP_SCHEDULE_DELAY", 5_000);
    maxQueueSize = (int) positive(config.otel("otel.bsp.max.queue.size"), "OTEL_BSP_MAX_QUEUE_SIZE", 2048);
    int batch = (int) positive(config.otel("otel.bsp.max.export.batch.size"), "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
        512);
    maxExportBatchSize = Math.max(1, Math.min(batch, maxQueueSize));
  }

  public static ExportSettings of(VigilConfig config) {
    return new ExportSettings(config);
  }

  /** A positive whole number (milliseconds for the durations), or the default with one warning. */
  private static long positive(String value, String name, long defaultValue) {
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    try {
      long v = Long.parseLong(value.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    AgentLog.warn("config " + name + "=" + value + " is not a positive whole number; using the default "
        + defaultValue);
    return defaultValue;
  }
}
