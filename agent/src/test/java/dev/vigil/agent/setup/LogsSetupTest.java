package dev.vigil.agent.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When application log records go over OTLP: by default as soon as an OTLP endpoint is configured. */
class LogsSetupTest {
  private static boolean on(Map<String, String> sys, Map<String, String> env) {
    return LogsSetup.otlpEnabled(VigilConfig.of(sys, env));
  }

  @Test
  void offWithoutAnEndpoint() {
    assertThat(on(Map.of(), Map.of())).isFalse();
  }

  @Test
  void onWhenAnEndpointIsConfigured() {
    assertThat(on(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))).isTrue();
    assertThat(on(Map.of(), Map.of("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://127.0.0.1:4318/v1/logs"))).isTrue();
    assertThat(on(Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318"), Map.of())).isTrue();
  }

  @Test
  void noneOrDisabledTurnsItOff() {
    Map<String, String> endpoint = Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318");
    assertThat(on(endpoint, Map.of("OTEL_LOGS_EXPORTER", "none"))).isFalse();
    assertThat(on(Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318", "vigil.logs.exporter", "none"),
        Map.of("OTEL_LOGS_EXPORTER", "otlp"))).as("the vigil key wins").isFalse();
    assertThat(on(endpoint, Map.of("VIGIL_LOGS_EXPORTER", "none"))).isFalse();
    assertThat(on(endpoint, Map.of("OTEL_SDK_DISABLED", "true"))).isFalse();
  }

  @Test
  void otlpWithoutAnEndpointUsesTheDefaultOne() {
    assertThat(on(Map.of(), Map.of("OTEL_LOGS_EXPORTER", "otlp"))).isTrue();
  }

  @Test
  void anUnknownValueFallsBackToAuto() {
    assertThat(on(Map.of("vigil.logs.exporter", "kafka"), Map.of())).isFalse();
    assertThat(on(Map.of("vigil.logs.exporter", "kafka"), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://x:4318")))
        .isTrue();
  }
}
