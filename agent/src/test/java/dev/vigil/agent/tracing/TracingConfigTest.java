package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.support.CapturedStderr;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OTEL_TRACES_SAMPLER, OTEL_PROPAGATORS and OTEL_BSP_* parsing, and when traces are on. */
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
    assertThat(SamplerConfig.parse(null, null)).hasToString("parentbased_always_on");
    assertThat(SamplerConfig.parse("always_off", null)).hasToString("always_off");
    assertThat(SamplerConfig.parse("ALWAYS_ON", null)).hasToString("always_on");
    assertThat(SamplerConfig.parse("traceidratio", "0.25")).hasToString("traceidratio 0.25");
    assertThat(SamplerConfig.parse("parentbased_traceidratio", "0.1")).hasToString("parentbased_traceidratio 0.1");
    assertThat(SamplerConfig.parse("parentbased_always_off", null)).hasToString("parentbased_always_off");
  }

  @Test
  void badSamplerValuesLogOneLineAndUseTheDefault() {
    try (CapturedStderr err = CapturedStderr.start()) {
      assertThat(SamplerConfig.parse("sometimes", null)).hasToString("parentbased_always_on");
      assertThat(SamplerConfig.parse("traceidratio", "2")).hasToString("traceidratio 1.0");
      assertThat(SamplerConfig.parse("traceidratio", "half")).hasToString("traceidratio 1.0");
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
  void batchingAndBadValuesFallBackWithOneLineEach() {
    ExportSettings defaults = ExportSettings.of(env());
    assertThat(defaults.maxQueueSize).isEqualTo(2048);
    assertThat(defaults.maxExportBatchSize).isEqualTo(512);
    assertThat(defaults.scheduleDelayMillis).isEqualTo(5_000);
    ExportSettings s = ExportSettings.of(env("OTEL_BSP_MAX_QUEUE_SIZE", "100", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "500"));
    assertThat(s.maxExportBatchSize).as("a batch is never larger than the queue").isEqualTo(100);
    try (CapturedStderr err = CapturedStderr.start()) {
      assertThat(ExportSettings.of(env("OTEL_BSP_SCHEDULE_DELAY", "-5")).scheduleDelayMillis).isEqualTo(5_000);
      assertThat(err.lines()).hasSize(1);
      assertThat(err.lines().get(0)).contains("OTEL_BSP_SCHEDULE_DELAY=-5").contains("5000");
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
