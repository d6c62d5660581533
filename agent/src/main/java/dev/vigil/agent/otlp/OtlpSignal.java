package dev.vigil.agent.otlp;

/** The three OTLP signals: their variables' infix, http/protobuf path and gRPC method. */
public enum OtlpSignal {
  TRACES("traces", "spans", "opentelemetry.proto.collector.trace.v1.TraceService/Export"),
  LOGS("logs", "log records", "opentelemetry.proto.collector.logs.v1.LogsService/Export"),
  METRICS("metrics", "metrics", "opentelemetry.proto.collector.metrics.v1.MetricsService/Export");

  /** traces, logs or metrics: {@code OTEL_EXPORTER_OTLP_<NAME>_ENDPOINT}, {@code /v1/<name>}. */
  public final String key;
  /** What is exported, for log lines: spans, log records, metrics. */
  final String items;
  final String grpcMethod;

  OtlpSignal(String key, String items, String grpcMethod) {
    this.key = key;
    this.items = items;
    this.grpcMethod = grpcMethod;
  }
}
