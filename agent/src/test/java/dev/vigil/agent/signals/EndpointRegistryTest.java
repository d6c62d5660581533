package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EndpointRegistryTest {
  private static EndpointRegistry registry(int max) {
    return new EndpointRegistry(max, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
  }

  @Test
  void findNeverCreatesAndGetCreatesOnce() {
    EndpointRegistry r = registry(10);
    assertThat(r.find("GET", "/a")).isNull();
    EndpointStats a = r.get("GET", "/a");
    assertThat(r.get("GET", "/a")).isSameAs(a);
    assertThat(r.find("GET", "/a")).isSameAs(a);
    assertThat(a.method()).isEqualTo("GET");
    assertThat(a.route()).isEqualTo("/a");
    assertThat(r.get("POST", "/a")).as("another method is another endpoint").isNotSameAs(a);
    assertThat(r.endpoints()).hasSize(2);
  }

  @Test
  void unknownMethodsShareOneOtherMethod() {
    EndpointRegistry r = registry(10);
    EndpointStats brew = r.get("BREW", "/pot");
    assertThat(brew.method()).isEqualTo("_OTHER");
    assertThat(r.get("PROPFIND", "/pot")).isSameAs(brew);
    assertThat(r.get(null, "/pot")).isSameAs(brew);
  }

  @Test
  void pastTheCapNewEndpointsFoldIntoOtherAndAreCounted() {
    EndpointRegistry r = registry(3);
    EndpointStats a = r.get("GET", "/a");
    r.get("GET", "/b");
    r.get("GET", "/c");
    assertThat(r.folded()).isZero();

    EndpointStats d = r.get("GET", "/d");
    assertThat(d.route()).isEqualTo(EndpointRegistry.OTHER_ROUTE);
    assertThat(r.get("GET", "/e")).isSameAs(d);
    assertThat(r.get("GET", "/d")).isSameAs(d);
    assertThat(r.folded()).as("each folded request counts").isEqualTo(3);

    assertThat(r.get("GET", "/a")).as("endpoints under the cap stay").isSameAs(a);
    assertThat(r.folded()).isEqualTo(3);
    assertThat(r.find("GET", "/d")).as("a folded route is never created").isNull();

    EndpointStats postOther = r.get("POST", "/f");
    assertThat(postOther.route()).isEqualTo(EndpointRegistry.OTHER_ROUTE);
    assertThat(postOther.method()).isEqualTo("POST");
    assertThat(r.folded()).isEqualTo(4);

    assertThat(r.endpoints().stream().map(s -> s.method() + " " + s.route()).collect(Collectors.toList()))
        .containsExactlyInAnyOrder("GET /a", "GET /b", "GET /c", "GET _other", "POST _other");
  }

  @Test
  void theCapHoldsUnderManyRoutes() {
    EndpointRegistry r = registry(50);
    for (int i = 0; i < 10_000; i++) {
      r.get("GET", "/r" + i).complete(1_000_000, 200, null);
    }
    // 50 endpoints plus one _other per method used
    assertThat(r.endpoints()).hasSize(51);
    assertThat(r.folded()).isEqualTo(10_000 - 50);
    assertThat(r.get("GET", EndpointRegistry.OTHER_ROUTE).requests()).isEqualTo(10_000 - 50);
  }

  @Test
  void aCapBelowOneStillRecords() {
    EndpointRegistry r = registry(0);
    EndpointStats first = r.get("GET", "/a");
    assertThat(first.route()).isEqualTo("/a");
    assertThat(r.get("GET", "/b").route()).isEqualTo(EndpointRegistry.OTHER_ROUTE);
  }

  @Test
  void windowIsSixTicks() {
    EndpointRegistry r = registry(10);
    assertThat(r.tickNanos()).isEqualTo(10_000_000_000L);
    assertThat(r.windowNanos()).isEqualTo(60_000_000_000L);
  }
}
