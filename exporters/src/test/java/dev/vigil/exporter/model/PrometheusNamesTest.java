package dev.vigil.exporter.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.MetricFamily.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusNamesTest {
  @Test
  void dotsBecomeUnderscoresAndTheUnitASuffix() {
    assertThat(PrometheusNames.name("http.server.request.duration", "s")).isEqualTo("http_server_request_duration_seconds");
    assertThat(PrometheusNames.name("jvm.memory.used", "By")).isEqualTo("jvm_memory_used_bytes");
    assertThat(PrometheusNames.name("jvm.cpu.recent_utilization", "1")).isEqualTo("jvm_cpu_recent_utilization_ratio");
  }

  @Test
  void annotationsGiveNoSuffixAndASuffixIsNotRepeated() {
    assertThat(PrometheusNames.name("http.server.active_requests", "{request}")).isEqualTo("http_server_active_requests");
    assertThat(PrometheusNames.name("db.client.connection.count", "{connection}")).isEqualTo("db_client_connection_count");
    assertThat(PrometheusNames.name("vigil.trace.sampling.ratio", "1")).isEqualTo("vigil_trace_sampling_ratio");
    assertThat(PrometheusNames.name("vigil.cache.requests", "")).isEqualTo("vigil_cache_requests");
  }

  @Test
  void otherCharactersBecomeOneUnderscore() {
    assertThat(PrometheusNames.name("a.-b/c", "")).isEqualTo("a_b_c");
  }

  @Test
  void aFamilyCarriesBothNames() {
    MetricFamily f = MetricFamily.otel("db.client.connection.wait_time", "s", Type.HISTOGRAM, "h", List.of());
    assertThat(f.name).isEqualTo("db_client_connection_wait_time_seconds");
    assertThat(f.unit).isEqualTo("seconds");
    assertThat(f.otelName).isEqualTo("db.client.connection.wait_time");
    assertThat(f.otelUnit).isEqualTo("s");
    MetricFamily kept = MetricFamily.otel("vigil.apdex.score", "1", Type.GAUGE, "h", List.of())
        .prometheusName("vigil_apdex_score", "");
    assertThat(kept.name).isEqualTo("vigil_apdex_score");
    assertThat(kept.otelName).isEqualTo("vigil.apdex.score");
  }

  @Test
  void aPrometheusNamedFamilyGetsItsOpenTelemetryNameByTheReverseRule() {
    MetricFamily f = new MetricFamily("vigil_exporter_spans_dropped", Type.COUNTER, "h", "", List.of());
    assertThat(f.otelName).isEqualTo("vigil.exporter.spans.dropped");
    MetricFamily bytes = new MetricFamily("jvm_memory_used_bytes", Type.GAUGE, "h", "bytes", List.of());
    assertThat(bytes.otelName).isEqualTo("jvm.memory.used");
    assertThat(bytes.otelUnit).isEqualTo("By");
  }
}
