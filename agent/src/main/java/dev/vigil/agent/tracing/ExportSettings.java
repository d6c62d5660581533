package dev.vigil.agent.tracing;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.OtlpEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how spans are exported, from the standard OpenTelemetry variables ({@code OTEL_EXPORTER_OTLP_*} with their
 * {@code _TRACES_} forms winning, {@code OTEL_BSP_*}). A bad value logs one line naming it and the default used.
 */
public final class ExportSettings {
  /** The URL spans go to: the full {@code /v1/traces} URL, or for gRPC the collector's base URL. */
  public final String endpoint;
  public final boolean grpc;
  public final Map<String, String> headers;
  public final boolean gzip;
  /** PEM file of the certificates to trust for https endpoints (OTEL_EXPORTER_OTLP_CERTIFICATE), or null. */
  public final String certificate;
  public final long timeoutMillis;
  public final long scheduleDelayMillis;
  public final int maxQueueSize;
  public final int maxExportBatchSize;
  public final long exportTimeoutMillis;

  ExportSettings(VigilConfig config) {
    OtlpEndpoint target = OtlpEndpoint.of(config, "traces");
    endpoint = target.url;
    grpc = target.grpc;
    headers = headers(first(config, "otel.exporter.otlp.traces.headers", "otel.exporter.otlp.headers"));
    certificate = first(config, "otel.exporter.otlp.traces.certificate", "otel.exporter.otlp.certificate");
    String compression = first(config, "otel.exporter.otlp.traces.compression", "otel.exporter.otlp.compression");
    gzip = "gzip".equalsIgnoreCase(compression);
    if (compression != null && !gzip && !"none".equalsIgnoreCase(compression)) {
      AgentLog.warn("config OTEL_EXPORTER_OTLP_COMPRESSION=" + compression + " is not gzip or none; using the default"
          + " none");
    }
    timeoutMillis = millis(first(config, "otel.exporter.otlp.traces.timeout", "otel.exporter.otlp.timeout"),
        "OTEL_EXPORTER_OTLP_TIMEOUT", 10_000);
    scheduleDelayMillis = millis(config.otel("otel.bsp.schedule.delay"), "OTEL_BSP_SCHEDULE_DELAY", 5_000);
    maxQueueSize = (int) millis(config.otel("otel.bsp.max.queue.size"), "OTEL_BSP_MAX_QUEUE_SIZE", 2048);
    int batch = (int) millis(config.otel("otel.bsp.max.export.batch.size"), "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
        512);
    maxExportBatchSize = Math.max(1, Math.min(batch, maxQueueSize));
    exportTimeoutMillis = millis(config.otel("otel.bsp.export.timeout"), "OTEL_BSP_EXPORT_TIMEOUT", 30_000);
  }

  public static ExportSettings of(VigilConfig config) {
    return new ExportSettings(config);
  }

  /** The trusted certificates' PEM bytes, or null when none is configured or the file cannot be read (said once). */
  public byte[] certificateBytes() {
    if (certificate == null || certificate.isEmpty()) {
      return null;
    }
    try {
      return java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(certificate));
    } catch (java.io.IOException | RuntimeException e) {
      AgentLog.warn("config OTEL_EXPORTER_OTLP_CERTIFICATE=" + certificate + " cannot be read (" + e
          + "); using the JDK's trusted certificates");
      return null;
    }
  }

  private static String first(VigilConfig config, String specific, String general) {
    String v = config.otel(specific);
    return v != null && !v.isEmpty() ? v : config.otel(general);
  }

  /** {@code key=value,key=value}, values percent-decoded (the OpenTelemetry format of OTEL_EXPORTER_OTLP_HEADERS). */
  static Map<String, String> headers(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        if (!pair.isBlank()) {
          AgentLog.warn("config OTEL_EXPORTER_OTLP_HEADERS entry without '=' skipped"); // no value: may be a secret
        }
        continue;
      }
      try {
        out.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT),
            URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        AgentLog.warn("config OTEL_EXPORTER_OTLP_HEADERS entry " + pair.substring(0, eq).trim()
            + " is not percent-encoded; skipped");
      }
    }
    return out;
  }

  /** A positive whole number (milliseconds for the durations), or the default with one warning. */
  private static long millis(String value, String name, long defaultValue) {
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
