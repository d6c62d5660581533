package dev.vigil.agent.otlp;

import dev.vigil.agent.config.OtelConfig;
import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how one signal goes over OTLP, resolved in this one place from the standard variables (OTLP exporter
 * spec): each {@code OTEL_EXPORTER_OTLP_<SIGNAL>_X} wins over {@code OTEL_EXPORTER_OTLP_X} for its own signal only.
 * A per-signal endpoint is used as given; otherwise http/protobuf sends to the base endpoint (default
 * {@code http://localhost:4318}) plus {@code /v1/<signal>}, gRPC to the base endpoint (default
 * {@code http://localhost:4317}). A bad value logs one line naming the variable, the value and the default used.
 */
public final class OtlpSettings {
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  public final OtlpSignal signal;
  public final boolean grpc;
  /** http/protobuf: the full URL posted to; gRPC: the collector's base URL (the service path is the method's). */
  public final String url;
  /** Lower-case names, decoded values. Never logged: they often hold credentials. */
  public final Map<String, String> headers;
  public final boolean gzip;
  public final long timeoutMillis;
  /** PEM files (paths) of the certificates to trust, and of the client's key and certificate chain (mTLS), or null. */
  public final String certificate;
  public final String clientKey;
  public final String clientCertificate;

  private final VigilConfig config;

  private OtlpSettings(VigilConfig config, OtlpSignal signal) {
    this.config = config;
    this.signal = signal;
    this.grpc = grpc();
    this.url = url();
    this.headers = Collections.unmodifiableMap(headers(value("headers")));
    this.gzip = gzip();
    this.timeoutMillis = Math.min(positive("timeout", DEFAULT_TIMEOUT_MILLIS), processorTimeout());
    this.certificate = value("certificate");
    this.clientKey = value("client.key");
    this.clientCertificate = value("client.certificate");
  }

  public static OtlpSettings of(VigilConfig config, OtlpSignal signal) {
    return new OtlpSettings(config, signal);
  }

  /** "http://host:4318/v1/traces (OTLP http/protobuf, gzip)", for the start-up log line. */
  public String describe() {
    return url + " (" + (grpc ? "OTLP/gRPC" : "OTLP http/protobuf") + (gzip ? ", gzip" : "") + ")";
  }

  /** The per-signal variable when set, else the general one. */
  private String value(String name) {
    String v = config.otel("otel.exporter.otlp." + signal.key + "." + name);
    return v != null && !v.isEmpty() ? v : emptyToNull(config.otel("otel.exporter.otlp." + name));
  }

  /** The variable {@link #value} read, for warnings: OTEL_EXPORTER_OTLP_TRACES_TIMEOUT or OTEL_EXPORTER_OTLP_TIMEOUT. */
  private String variable(String name) {
    String specific = config.otel("otel.exporter.otlp." + signal.key + "." + name);
    String infix = specific != null && !specific.isEmpty() ? signal.key.toUpperCase(Locale.ROOT) + "_" : "";
    return "OTEL_EXPORTER_OTLP_" + infix + name.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private boolean grpc() {
    String protocol = value("protocol");
    if (protocol == null || protocol.equalsIgnoreCase("http/protobuf")) {
      return false;
    }
    if (protocol.equalsIgnoreCase("grpc")) {
      return true;
    }
    AgentLog.warn("config " + variable("protocol") + "=" + protocol + " is not grpc or http/protobuf (http/json is not"
        + " supported); using the default http/protobuf");
    return false;
  }

  private String url() {
    String specific = config.otel("otel.exporter.otlp." + signal.key + ".endpoint");
    if (specific != null && !specific.isEmpty()) {
      return specific;
    }
    String base = emptyToNull(config.otel("otel.exporter.otlp.endpoint"));
    if (base == null) {
      base = grpc ? "http://localhost:4317" : "http://localhost:4318";
    }
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return grpc ? trimmed : trimmed + "/v1/" + signal.key;
  }

  private boolean gzip() {
    String compression = value("compression");
    if (compression == null || compression.equalsIgnoreCase("none")) {
      return false;
    }
    if (compression.equalsIgnoreCase("gzip")) {
      return true;
    }
    AgentLog.warn("config " + variable("compression") + "=" + compression + " is not gzip or none; using the default"
        + " none");
    return false;
  }

  private long positive(String name, long defaultValue) {
    String v = value(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(v.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    AgentLog.warn("config " + variable(name) + "=" + v + " is not a positive whole number; using the default "
        + defaultValue);
    return defaultValue;
  }

  /** The signal's processor bound on one export: OTEL_BSP_EXPORT_TIMEOUT, OTEL_BLRP_... or OTEL_METRIC_EXPORT_TIMEOUT. */
  private long processorTimeout() {
    OtelConfig otel = OtelConfig.of(config);
    switch (signal) {
      case TRACES: return otel.millis(OtelKeys.BSP_EXPORT_TIMEOUT);
      case LOGS: return otel.millis(OtelKeys.BLRP_EXPORT_TIMEOUT);
      default: return otel.millis(OtelKeys.METRIC_EXPORT_TIMEOUT);
    }
  }

  /**
   * OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: {@code cumulative} (default), {@code delta} or
   * {@code lowmemory}; for the metrics push.
   */
  public String temporalityPreference() {
    return OtelConfig.of(config).choice(OtelKeys.TEMPORALITY_PREFERENCE);
  }

  /**
   * OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION: {@code explicit_bucket_histogram} (default) or
   * {@code base2_exponential_bucket_histogram}; for the metrics push.
   */
  public String defaultHistogramAggregation() {
    return OtelConfig.of(config).choice(OtelKeys.DEFAULT_HISTOGRAM_AGGREGATION);
  }

  /** OTEL_METRICS_EXEMPLAR_FILTER: {@code trace_based} (default), {@code always_on} or {@code always_off}. */
  public String exemplarFilter() {
    return OtelConfig.of(config).choice(OtelKeys.METRICS_EXEMPLAR_FILTER);
  }

  /** {@code key=value,key=value}, values percent-decoded (the OpenTelemetry format of OTEL_EXPORTER_OTLP_HEADERS). */
  private Map<String, String> headers(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        if (!pair.isBlank()) { // the entry itself is not logged: it may be a secret
          AgentLog.warn("config " + variable("headers") + " entry without '=' skipped");
        }
        continue;
      }
      try {
        out.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT),
            URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        AgentLog.warn("config " + variable("headers") + " entry " + pair.substring(0, eq).trim()
            + " is not percent-encoded; skipped");
      }
    }
    return out;
  }

  private static String emptyToNull(String v) {
    return v == null || v.isEmpty() ? null : v;
  }
}
