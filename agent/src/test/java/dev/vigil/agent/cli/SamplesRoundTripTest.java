package dev.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.agent.signals.SamplesJson;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What /vigil/api/samples writes is what compare reads. */
class SamplesRoundTripTest {
  @Test
  void countsErrorsAndLatenciesSurviveTheTrip() throws Exception {
    EndpointRegistry registry =
        new EndpointRegistry(10, new ApdexThresholds(500, Map.of()), 60_000_000_000L).samplesPerEndpoint(1024);
    EndpointStats products = registry.get("GET", "/products/{id}");
    for (int i = 0; i < 40; i++) {
      products.complete(2_500_000L, 200, null);
    }
    for (int i = 0; i < 4; i++) {
      products.complete(1_000_000L, 503, null);
    }
    registry.get("POST", "/orders").complete(12_345_000L, 201, null);

    Map<String, RouteSamples> routes =
        RouteSamples.parse(new ByteArrayInputStream(new SamplesJson(registry, "shop", 1024).render()));

    assertThat(routes).containsOnlyKeys("GET /products/{id}", "POST /orders");
    RouteSamples p = routes.get("GET /products/{id}");
    assertThat(p.count).isEqualTo(44);
    assertThat(p.errors).isEqualTo(4);
    assertThat(p.windowSeconds).isBetween(0.0, 60.0); // since the first request: a few ms here
    assertThat(p.latenciesMs).hasSize(40).containsOnly(2.5);
    assertThat(routes.get("POST /orders").latenciesMs).containsExactly(12.345);
  }

  @Test
  void notASamplesDocumentIsAnError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> RouteSamples.parse(new ByteArrayInputStream("[1,2]".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("not a samples document");
  }
}
