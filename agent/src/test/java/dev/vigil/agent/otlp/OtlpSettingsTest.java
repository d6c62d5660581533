package dev.vigil.agent.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.support.CapturedStderr;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OTEL_EXPORTER_OTLP_* resolved per signal: a per-signal variable applies to its own signal only. */
class OtlpSettingsTest {
  private static VigilConfig env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return VigilConfig.of(Map.of(), env);
  }

  @Test
  void defaultsAreTheSpecsForEachSignal() {
    for (OtlpSignal signal : OtlpSignal.values()) {
      OtlpSettings s = OtlpSettings.of(env(), signal);
      assertThat(s.grpc).isFalse();
      assertThat(s.url).isEqualTo("http://localhost:4318/v1/" + signal.key);
      assertThat(s.gzip).isFalse();
      assertThat(s.timeoutMillis).isEqualTo(10_000);
      assertThat(s.headers).isEmpty();
      assertThat(s.certificate).isNull();
      assertThat(s.clientKey).isNull();
    }
    assertThat(OtlpSettings.of(env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), OtlpSignal.LOGS).url)
        .as("the OTLP spec's gRPC default; the service path is the method's").isEqualTo("http://localhost:4317");
  }

  @Test
  void generalVariablesApplyToEverySignal() {
    VigilConfig config = env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
        "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20abc,x-tenant=t1", "OTEL_EXPORTER_OTLP_COMPRESSION",
        "gzip", "OTEL_EXPORTER_OTLP_TIMEOUT", "2500", "OTEL_EXPORTER_OTLP_CERTIFICATE", "/ca.pem",
        "OTEL_EXPORTER_OTLP_CLIENT_KEY", "/key.pem", "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "/cert.pem");
    for (OtlpSignal signal : OtlpSignal.values()) {
      OtlpSettings s = OtlpSettings.of(config, signal);
      assertThat(s.url).isEqualTo("http://collector:4318/v1/" + signal.key);
      assertThat(s.headers).containsEntry("authorization", "Bearer abc").containsEntry("x-tenant", "t1");
      assertThat(s.gzip).isTrue();
      assertThat(s.timeoutMillis).isEqualTo(2500);
      assertThat(s.certificate).isEqualTo("/ca.pem");
      assertThat(s.clientKey).isEqualTo("/key.pem");
      assertThat(s.clientCertificate).isEqualTo("/cert.pem");
    }
  }

  @Test
  void eachPerSignalVariableAppliesToItsOwnSignalOnly() {
    for (OtlpSignal signal : OtlpSignal.values()) {
      String infix = "OTEL_EXPORTER_OTLP_" + signal.name() + "_";
      VigilConfig config = env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:4318",
          infix + "ENDPOINT", "http://own:9999/custom", infix + "HEADERS", "k=own", infix + "COMPRESSION", "gzip",
          infix + "TIMEOUT", "1234", infix + "CERTIFICATE", "/own-ca.pem", infix + "CLIENT_KEY", "/own-key.pem",
          infix + "CLIENT_CERTIFICATE", "/own-cert.pem", infix + "PROTOCOL", "grpc");
      for (OtlpSignal other : OtlpSignal.values()) {
        OtlpSettings s = OtlpSettings.of(config, other);
        boolean own = other == signal;
        assertThat(s.url).as("%s for %s", infix, other)
            .isEqualTo(own ? "http://own:9999/custom" : "http://base:4318/v1/" + other.key);
        assertThat(s.headers).as("%s for %s", infix, other).isEqualTo(own ? Map.of("k", "own") : Map.of());
        assertThat(s.gzip).isEqualTo(own);
        assertThat(s.timeoutMillis).isEqualTo(own ? 1234 : 10_000);
        assertThat(s.certificate).isEqualTo(own ? "/own-ca.pem" : null);
        assertThat(s.clientKey).isEqualTo(own ? "/own-key.pem" : null);
        assertThat(s.clientCertificate).isEqualTo(own ? "/own-cert.pem" : null);
        assertThat(s.grpc).isEqualTo(own);
      }
    }
  }

  @Test
  void spanExportTimeoutOfTheBatchProcessorCapsTheTracesTimeout() {
    VigilConfig config = env("OTEL_BSP_EXPORT_TIMEOUT", "700");
    assertThat(OtlpSettings.of(config, OtlpSignal.TRACES).timeoutMillis).isEqualTo(700);
    assertThat(OtlpSettings.of(config, OtlpSignal.LOGS).timeoutMillis).isEqualTo(10_000);
  }

  @Test
  void badValuesFallBackWithOneLineNamingTheVariable() {
    try (CapturedStderr err = CapturedStderr.start()) {
      OtlpSettings s = OtlpSettings.of(env("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "brotli",
          "OTEL_EXPORTER_OTLP_TIMEOUT", "soon", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"), OtlpSignal.TRACES);
      assertThat(s.gzip).isFalse();
      assertThat(s.timeoutMillis).isEqualTo(10_000);
      assertThat(s.grpc).isFalse();
      assertThat(s.url).isEqualTo("http://localhost:4318/v1/traces");
      assertThat(err.lines()).hasSize(3);
      assertThat(String.join("\n", err.lines())).contains("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION=brotli")
          .contains("OTEL_EXPORTER_OTLP_TIMEOUT=soon").contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/json");
    }
  }

  @Test
  void headerValuesNeverAppearInWarnings() {
    try (CapturedStderr err = CapturedStderr.start()) {
      OtlpSettings.of(env("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%zzsecret,tokenonly"), OtlpSignal.LOGS);
      assertThat(err.lines()).hasSize(2);
      assertThat(String.join("\n", err.lines())).doesNotContain("secret").doesNotContain("tokenonly");
    }
  }
}
