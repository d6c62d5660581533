package dev.vigil.agent.logs;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.OtelConfig;
import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.otlp.OtlpChannel;
import dev.vigil.agent.otlp.OtlpChannels;
import dev.vigil.agent.otlp.OtlpSettings;
import dev.vigil.agent.otlp.OtlpSignal;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.TracingSetup;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports the queued application log records through the logs' OTLP channel (its endpoint, protocol, headers, TLS,
 * compression and timeout: otlp/OtlpSettings), encoded with the SDK's OTLP marshaler. Export calls run with
 * instrumentation suppressed, so they never trace or log themselves.
 */
public final class OtlpLogExport implements LogQueue.BatchExporter {
  private final OtlpChannel channel;
  private final Resource resource;
  /**
   * OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT and ..._VALUE_LENGTH_LIMIT (else the OTEL_ATTRIBUTE_* ones), the length at most
   * vigil.logs.max_value_length.
   */
  private final int maxAttributes;
  private final int maxLength;

  OtlpLogExport(OtlpChannel channel, Resource resource) {
    this(channel, resource, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  OtlpLogExport(OtlpChannel channel, Resource resource, int maxAttributes, int maxLength) {
    this.channel = channel;
    this.resource = resource;
    this.maxAttributes = maxAttributes;
    this.maxLength = maxLength;
  }

  /** Opens the channel, starts the queue's export thread and the shutdown flush; returns where logs go. */
  public static String start(VigilConfig config, LogQueue queue) {
    return start(config, queue, true, false);
  }

  /** As {@link #start(VigilConfig, LogQueue)}, over OTLP, to the console (one line per record), or both. */
  public static String start(VigilConfig config, LogQueue queue, boolean otlp, boolean console) {
    OtlpSettings settings = otlp ? OtlpSettings.of(config, OtlpSignal.LOGS) : null;
    OtelConfig otel = OtelConfig.of(config);
    LogQueue.BatchExporter export = otlp
        ? new OtlpLogExport(OtlpChannels.open(settings), TracingSetup.resource(config),
            otel.countLimit(OtelKeys.LOGRECORD_ATTRIBUTE_COUNT_LIMIT),
            Math.min(otel.valueLengthLimit(OtelKeys.LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT, Integer.MAX_VALUE),
                Math.max(1, config.getInt(ConfigKeys.LOGS_MAX_VALUE_LENGTH)))) : null;
    if (console) {
      export = new ConsoleLogs(export);
    }
    queue.start(export);
    long shutdownMillis = config.getDurationMillis(ConfigKeys.EXPORTER_SHUTDOWN_TIMEOUT);
    LogQueue.BatchExporter flushed = export;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> queue.shutdown(flushed, shutdownMillis),
        "vigil-logs-shutdown"));
    return (otlp ? settings.describe() : "") + (console ? (otlp ? " and " : "") + "standard output (console)" : "");
  }

  @Override
  public OtlpChannel.Outcome export(List<LogEntry> batch) {
    List<LogRecordData> records = new ArrayList<>(batch.size());
    for (LogEntry e : batch) {
      records.add(new LogRecordView(e, resource, maxAttributes, maxLength));
    }
    try (Scope ignored = Tracing.suppressInstrumentation(Context.root()).makeCurrent()) {
      return channel.send(LogsRequestMarshaler.create(records).toBinaryMessageWriter());
    }
  }

  @Override
  public void shutdown(long timeoutMillis) {
    channel.shutdown(timeoutMillis);
  }
}
