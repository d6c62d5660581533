package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.bootstrap.ServerCall;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpServerRecorderTest {
  private final EndpointRegistry registry =
      new EndpointRegistry(500, 100, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
  private final HttpServerRecorder recorder = new HttpServerRecorder(registry);

  @Test
  void a404Or405OnARouteMadeFromThePathMatchedNoRoute() {
    recorder.start("GET", "/missing/{id}", false, null).end(404, null);
    recorder.start("POST", "/wp-login.php", false, null).end(404, null);
    recorder.start("PUT", "/cgi-bin/{id}", false, null).end(405, null);
    assertThat(registry.find("GET", "/missing/{id}")).as("never its own endpoint").isNull();
    assertThat(registry.unmatched("GET").requests()).isEqualTo(1);
    assertThat(registry.unmatched("POST").requests()).isEqualTo(1);
    assertThat(registry.unmatched("PUT").requests()).as("a default servlet's 405 to a scanner's PUT").isEqualTo(1);
  }

  @Test
  void a404Or405OnATemplateStaysOnTheTemplate() {
    recorder.start("GET", "/products", true, null).end(404, null);
    recorder.start("DELETE", "/products", true, null).end(405, null);
    ServerCall spring = recorder.start("GET", "/owners/42", false, null);
    spring.route("/owners/{ownerId}");
    spring.end(404, null);
    assertThat(registry.find("GET", "/products").requests()).isEqualTo(1);
    assertThat(registry.find("DELETE", "/products").requests()).isEqualTo(1);
    assertThat(registry.find("GET", "/owners/{ownerId}").requests()).isEqualTo(1);
    assertThat(registry.unmatched("GET").requests()).isZero();
  }

  @Test
  void otherStatusesOfADerivedRouteGetItsEndpoint() {
    recorder.start("GET", "/orders/{id}", false, null).end(200, null);
    recorder.start("GET", "/orders/{id}", false, null).end(0, new IllegalStateException());
    EndpointStats orders = registry.find("GET", "/orders/{id}");
    assertThat(orders.requests()).isEqualTo(2);
    assertThat(registry.unmatched("GET").requests()).isZero();
  }

  @Test
  void aScannerFloodMakesNoSeriesAndRealRoutesStillGetTheirs() {
    Random random = new Random(42);
    String[] methods = {"GET", "POST", "PUT", "DELETE", "PROPFIND", "BREW", "HEAD", "OPTIONS"};
    for (int i = 0; i < 100_000; i++) {
      String path = "/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "/" + random.nextInt(1000) + ".php";
      recorder.start(methods[random.nextInt(methods.length)], path, false, null).end(404, null);
    }
    recorder.start("GET", "/stock-report", true, null).end(200, null);
    recorder.start("GET", "/slow", true, null).end(200, null);
    recorder.start("GET", "/products/{id}", false, null).end(200, null);
    assertThat(registry.endpoints().stream().map(EndpointStats::route).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(EndpointRegistry.UNMATCHED_ROUTE, "/stock-report", "/slow", "/products/{id}");
    assertThat(registry.endpoints().stream().mapToLong(EndpointStats::requests).sum()).isEqualTo(100_003);
    assertThat(registry.folded()).isZero();
  }

  @Test
  void aRequestWhoseEndpointWasEvictedMeanwhileIsStillCounted() {
    EndpointRegistry small = new EndpointRegistry(2, 1, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
    HttpServerRecorder r = new HttpServerRecorder(small);
    r.start("GET", "/a/{id}", false, null).end(200, null);
    ServerCall late = r.start("GET", "/a/{id}", false, null);
    EndpointStats held = small.find("GET", "/a/{id}");
    small.get("GET", "/x");
    small.get("GET", "/y"); // the table is full: a template takes the derived route's place, busy or not
    assertThat(held.retired()).isTrue();
    late.end(200, null);
    assertThat(held.requests()).as("not into the evicted endpoint").isEqualTo(1);
    assertThat(small.find("GET", EndpointRegistry.OTHER_ROUTE).requests()).as("but counted").isEqualTo(1);
  }
}
