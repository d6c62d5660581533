package dev.vigil.agent.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OtlpNamingTest {
  private final OtlpNaming naming = new OtlpNaming();

  @Test
  void labelsBecomeTheirOpenTelemetryAttributeKeys() {
    assertThat(naming.attribute("server_address")).isEqualTo("server.address");
    assertThat(naming.attribute("server_port")).isEqualTo("server.port");
    assertThat(naming.attribute("http_response_status_code")).isEqualTo("http.response.status_code");
    assertThat(naming.attribute("db_client_connection_pool_name")).isEqualTo("db.client.connection.pool.name");
  }

  @Test
  void anUnlistedLabelKeepsItsName() {
    assertThat(naming.attribute("result")).isEqualTo("result");
  }
}
