package dev.vigil.agent.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.MetricFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpNamingTest {
  private final OtlpNaming naming = new OtlpNaming();

  @Test
  void outboundHttpIsPushedUnderItsOpenTelemetryNameAndAttributes() {
    MetricFamily client = new MetricFamily("http_client_request_duration_seconds", MetricFamily.Type.HISTOGRAM, "",
        "seconds", List.of());
    assertThat(naming.name(client)).isEqualTo("http.client.request.duration");
    assertThat(naming.unit(client)).isEqualTo("s");
    assertThat(naming.attribute("server_address")).isEqualTo("server.address");
    assertThat(naming.attribute("server_port")).isEqualTo("server.port");
  }

  @Test
  void anUnlistedFamilyKeepsItsNameAndTakesItsUnitByRule() {
    MetricFamily bytes = new MetricFamily("vigil_something_bytes", MetricFamily.Type.GAUGE, "", "bytes", List.of());
    assertThat(naming.name(bytes)).isEqualTo("vigil_something_bytes");
    assertThat(naming.unit(bytes)).isEqualTo("By");
  }
}
