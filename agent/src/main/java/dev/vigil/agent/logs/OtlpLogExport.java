package dev.vigil.agent.logs;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.tracing.ExportSettings;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.TracingSetup;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import dev.vigil.agent.otlp.OtlpSenders;
import dev.vigil.agent.otlp.OtlpEndpoint;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Exports the queued application log records over OTLP http/protobuf with the OpenTelemetry SDK's log exporter, to
 * {@code OTEL_EXPORTER_OTLP_LOGS_ENDPOINT}, else {@code OTEL_EXPORTER_OTLP_ENDPOINT + /v1/logs}; headers, compression
 * and timeout as for traces. Export calls run with instrumentation suppressed, so they never trace or log themselves.
 */
public final class OtlpLogExport implements LogQueue.BatchExporter {
  private final LogRecordExporter exporter;
  private final Resource resource;
  private final long timeoutMillis;

  OtlpLogExport(LogRecordExporter exporter, Resource resource, long timeoutMillis) {
    this.exporter = exporter;
    this.resource = resource;
    this.timeoutMillis = timeoutMillis;
  }

  /** Builds the exporter, starts the queue's export thread and the shutdown flush; returns the endpoint used. */
  public static String start(VigilConfig config, LogQueue queue) {
    ExportSettings settings = ExportSettings.of(config);
    OtlpEndpoint target = OtlpEndpoint.of(config, "logs");
    OtlpLogExport export = new OtlpLogExport(target.grpc ? grpcExporter(target, settings)
        : httpExporter(target, settings), TracingSetup.resource(config), settings.timeoutMillis);
    queue.start(export);
    long shutdownMillis = config.getDurationMillis(ConfigKeys.EXPORTER_SHUTDOWN_TIMEOUT);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> queue.shutdown(export, shutdownMillis),
        "vigil-logs-shutdown"));
    return target.url + " (" + target.protocolName() + ")";
  }

  private static LogRecordExporter httpExporter(OtlpEndpoint target, ExportSettings settings) {
    OtlpHttpLogRecordExporterBuilder builder = OtlpHttpLogRecordExporter.builder()
        .setEndpoint(target.url)
        .setTimeout(settings.timeoutMillis, TimeUnit.MILLISECONDS)
        .setCompression(settings.gzip ? "gzip" : "none")
        .setMeterProvider(MeterProvider::noop)
        .setComponentLoader(OtlpSenders.LOADER);
    settings.headers.forEach(builder::addHeader);
    byte[] certificate = settings.certificateBytes();
    if (certificate != null) {
      builder.setTrustedCertificates(certificate);
    }
    return builder.build();
  }

  /** Over Vigil's own HTTP/2 client, on the queue's export thread. */
  private static LogRecordExporter grpcExporter(OtlpEndpoint target, ExportSettings settings) {
    OtlpGrpcLogRecordExporterBuilder builder = OtlpGrpcLogRecordExporter.builder()
        .setEndpoint(target.url)
        .setTimeout(settings.timeoutMillis, TimeUnit.MILLISECONDS)
        .setCompression(settings.gzip ? "gzip" : "none")
        .setMeterProvider(MeterProvider::noop)
        .setComponentLoader(OtlpSenders.LOADER);
    settings.headers.forEach(builder::addHeader);
    byte[] certificate = settings.certificateBytes();
    if (certificate != null) {
      builder.setTrustedCertificates(certificate);
    }
    return builder.build();
  }

  @Override
  public boolean export(List<LogEntry> batch) {
    List<LogRecordData> records = new ArrayList<>(batch.size());
    for (LogEntry e : batch) {
      records.add(new LogRecordView(e, resource));
    }
    try (Scope ignored = Tracing.suppressInstrumentation(Context.root()).makeCurrent()) {
      CompletableResultCode result = exporter.export(records).join(timeoutMillis + 1_000, TimeUnit.MILLISECONDS);
      if (!result.isSuccess()) {
        AgentLog.every(AgentLog.Level.WARN, "logs-export", "OTLP log export failed; " + batch.size()
            + " records dropped (counted in vigil_exporter_logs_dropped_total)", result.getFailureThrowable());
      }
      return result.isSuccess();
    }
  }
}
