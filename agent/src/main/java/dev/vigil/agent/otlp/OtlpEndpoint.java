package dev.vigil.agent.otlp;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import java.util.Locale;

/**
 * Where one signal goes over OTLP and how, from the standard variables (OTLP exporter spec): the protocol
 * ({@code OTEL_EXPORTER_OTLP_<SIGNAL>_PROTOCOL}, else {@code OTEL_EXPORTER_OTLP_PROTOCOL}; {@code http/protobuf} by
 * default, or {@code grpc}) and the URL. A per-signal endpoint is used as given. Otherwise http/protobuf sends to the
 * base endpoint (default {@code http://localhost:4318}) plus {@code /v1/<signal>}; gRPC to the base endpoint (default
 * {@code http://localhost:4317}), the service path being the method's.
 */
public final class OtlpEndpoint {
  public static final String DEFAULT_HTTP = "http://localhost:4318";
  public static final String DEFAULT_GRPC = "http://localhost:4317";

  public final boolean grpc;
  public final String url;

  private OtlpEndpoint(boolean grpc, String url) {
    this.grpc = grpc;
    this.url = url;
  }

  /** {@code signal}: traces, metrics or logs. */
  public static OtlpEndpoint of(VigilConfig config, String signal) {
    boolean grpc = grpc(config, signal);
    String specific = config.otel("otel.exporter.otlp." + signal + ".endpoint");
    if (specific != null && !specific.isEmpty()) {
      return new OtlpEndpoint(grpc, specific);
    }
    String base = config.otel("otel.exporter.otlp.endpoint");
    if (base == null || base.isEmpty()) {
      base = grpc ? DEFAULT_GRPC : DEFAULT_HTTP;
    }
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return new OtlpEndpoint(grpc, grpc ? trimmed : trimmed + "/v1/" + signal);
  }

  /** "OTLP http/protobuf" or "OTLP/gRPC", for log lines. */
  public String protocolName() {
    return grpc ? "OTLP/gRPC" : "OTLP http/protobuf";
  }

  private static boolean grpc(VigilConfig config, String signal) {
    String variable = "OTEL_EXPORTER_OTLP_" + signal.toUpperCase(Locale.ROOT) + "_PROTOCOL";
    String protocol = config.otel("otel.exporter.otlp." + signal + ".protocol");
    if (protocol == null || protocol.isEmpty()) {
      variable = "OTEL_EXPORTER_OTLP_PROTOCOL";
      protocol = config.otel("otel.exporter.otlp.protocol");
    }
    if (protocol == null || protocol.isEmpty() || protocol.equalsIgnoreCase("http/protobuf")) {
      return false;
    }
    if (protocol.equalsIgnoreCase("grpc")) {
      return true;
    }
    AgentLog.warn("config " + variable + "=" + protocol + " is not grpc or http/protobuf (http/json is not"
        + " supported); using the default http/protobuf");
    return false;
  }
}
