package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.support.CapturedStderr;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OTEL_TRACES_SAMPLER, OTEL_PROPAGATORS, OTEL_EXPORTER_OTLP_* and OTEL_BSP_* parsing, and when traces are on. */
class TracingConfigTest {
  private static VigilConfig env(String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return VigilConfig.of(Map.of(), env);
  }

  @Test
  void samplerNamesAndArguments() {
    assertThat(SamplerConfig.parse(null, null).getDescription())
        .isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).getDescription());
    assertThat(SamplerConfig.parse("always_off", null)).isEqualTo(Sampler.alwaysOff());
    assertThat(SamplerConfig.parse("ALWAYS_ON", null)).isEqualTo(Sampler.alwaysOn());
    assertThat(SamplerConfig.parse("traceidratio", "0.25").getDescription())
        .isEqualTo(Sampler.traceIdRatioBased(0.25).getDescription());
    assertThat(SamplerConfig.parse("parentbased_traceidratio", "0.1").getDescription())
        .isEqualTo(Sampler.parentBased(Sampler.traceIdRatioBased(0.1)).getDescription());
    assertThat(SamplerConfig.parse("parentbased_always_off", null).getDescription())
        .isEqualTo(Sampler.parentBased(Sampler.alwaysOff()).getDescription());
  }

  @Test
  void badSamplerValuesLogOneLineAndUseTheDefault() {
    try (CapturedStderr err = CapturedStderr.start()) {
      assertThat(SamplerConfig.parse("sometimes", null).getDescription())
          .isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).getDescription());
      assertThat(SamplerConfig.parse("traceidratio", "2").getDescription())
          .isEqualTo(Sampler.traceIdRatioBased(1.0).getDescription());
      assertThat(SamplerConfig.parse("traceidratio", "half").getDescription())
          .isEqualTo(Sampler.traceIdRatioBased(1.0).getDescription());
      assertThat(err.lines()).hasSize(3);
      assertThat(err.lines().get(0)).contains("OTEL_TRACES_SAMPLER=sometimes").contains("parentbased_always_on");
      assertThat(err.lines().get(1)).contains("OTEL_TRACES_SAMPLER_ARG=2").contains("1.0");
    }
  }

  @Test
  void propagatorList() {
    assertThat(PropagatorConfig.names(null)).containsExactly("tracecontext", "baggage");
    assertThat(PropagatorConfig.names(" B3multi, jaeger ,b3,b3")).containsExactly("b3multi", "jaeger", "b3");
    assertThat(PropagatorConfig.names("tracecontext,none")).isEmpty();
    assertThat(PropagatorConfig.parse("b3multi").fields()).contains("X-B3-TraceId");
    assertThat(PropagatorConfig.parse("jaeger").fields()).contains("uber-trace-id");
    assertThat(PropagatorConfig.parse(null).fields()).contains("traceparent", "baggage");
    try (CapturedStderr err = CapturedStderr.start()) {
      assertThat(PropagatorConfig.names("xray,tracecontext")).containsExactly("tracecontext");
      assertThat(PropagatorConfig.names("ottrace")).containsExactly("tracecontext", "baggage");
      assertThat(err.lines()).hasSize(2).allMatch(l -> l.contains("OTEL_PROPAGATORS"));
    }
  }

  @Test
  void otlpEndpointHeadersCompressionAndBatching() {
    ExportSettings defaults = ExportSettings.of(env());
    assertThat(defaults.endpoint).isEqualTo("http://localhost:4318/v1/traces");
    assertThat(defaults.gzip).isFalse();
    assertThat(defaults.timeoutMillis).isEqualTo(10_000);
    assertThat(defaults.maxQueueSize).isEqualTo(2048);
    assertThat(defaults.maxExportBatchSize).isEqualTo(512);
    assertThat(defaults.scheduleDelayMillis).isEqualTo(5_000);

    ExportSettings s = ExportSettings.of(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
        "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20abc,x-tenant=t1",
        "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip", "OTEL_EXPORTER_OTLP_TIMEOUT", "2500",
        "OTEL_BSP_MAX_QUEUE_SIZE", "100", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "500"));
    assertThat(s.endpoint).isEqualTo("http://collector:4318/v1/traces");
    assertThat(s.headers).containsEntry("authorization", "Bearer abc").containsEntry("x-tenant", "t1");
    assertThat(s.gzip).isTrue();
    assertThat(s.timeoutMillis).isEqualTo(2500);
    assertThat(s.maxExportBatchSize).as("a batch is never larger than the queue").isEqualTo(100);

    assertThat(ExportSettings.of(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://b:9999/custom")).endpoint).isEqualTo("http://b:9999/custom");
  }

  @Test
  void grpcGoesToTheBaseEndpointAndBadValuesFallBackWithOneLineEach() {
    try (CapturedStderr err = CapturedStderr.start()) {
      ExportSettings s = ExportSettings.of(env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
          "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317/", "OTEL_BSP_SCHEDULE_DELAY", "-5",
          "OTEL_EXPORTER_OTLP_COMPRESSION", "brotli"));
      assertThat(s.grpc).isTrue();
      assertThat(s.endpoint).as("gRPC: the service path is the method's").isEqualTo("http://collector:4317");
      assertThat(s.scheduleDelayMillis).isEqualTo(5_000);
      assertThat(s.gzip).isFalse();
      assertThat(err.lines()).hasSize(2);
      assertThat(String.join("\n", err.lines())).contains("OTEL_BSP_SCHEDULE_DELAY=-5")
          .contains("OTEL_EXPORTER_OTLP_COMPRESSION=brotli");
    }
    assertThat(ExportSettings.of(env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc")).endpoint)
        .as("the OTLP spec's gRPC default").isEqualTo("http://localhost:4317");
    try (CapturedStderr err = CapturedStderr.start()) {
      ExportSettings s = ExportSettings.of(env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"));
      assertThat(s.grpc).isFalse();
      assertThat(s.endpoint).isEqualTo("http://localhost:4318/v1/traces");
      assertThat(String.join("\n", err.lines())).contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/json");
    }
  }

  @Test
  void headerValuesNeverAppearInWarnings() {
    try (CapturedStderr err = CapturedStderr.start()) {
      ExportSettings.of(env("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%zzsecret,tokenonly"));
      assertThat(String.join("\n", err.lines())).doesNotContain("secret").doesNotContain("tokenonly");
    }
  }

  @Test
  void tracesOnlyWhenAnEndpointOrExporterIsConfigured() {
    assertThat(TracingSetup.enabled(env())).isFalse();
    assertThat(TracingSetup.enabled(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"))).isTrue();
    assertThat(TracingSetup.enabled(env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces"))).isTrue();
    assertThat(TracingSetup.enabled(env("OTEL_TRACES_EXPORTER", "otlp"))).isTrue();
    assertThat(TracingSetup.enabled(env("VIGIL_TRACES_ENABLED", "true"))).isTrue();
    assertThat(TracingSetup.enabled(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "VIGIL_TRACES_ENABLED",
        "false"))).isFalse();
    assertThat(TracingSetup.enabled(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_TRACES_EXPORTER",
        "none"))).isFalse();
    assertThat(TracingSetup.enabled(env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_SDK_DISABLED",
        "true"))).isFalse();
  }
}
