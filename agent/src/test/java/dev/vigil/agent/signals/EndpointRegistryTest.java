package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EndpointRegistryTest {
  private static EndpointRegistry registry(int max) {
    return new EndpointRegistry(max, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
  }

  private static EndpointRegistry registry(int max, int maxDerived) {
    return new EndpointRegistry(max, maxDerived, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
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
  void unmatchedRequestsHaveOneEndpointPerMethodOutsideTheCap() {
    EndpointRegistry r = registry(1);
    r.get("GET", "/a");
    EndpointStats get = r.unmatched("GET");
    assertThat(get.route()).isEqualTo(EndpointRegistry.UNMATCHED_ROUTE);
    assertThat(r.unmatched("GET")).isSameAs(get);
    assertThat(r.unmatched("BREW").method()).isEqualTo("_OTHER");
    assertThat(r.folded()).as("the unmatched endpoints take no place under the cap").isZero();
    assertThat(r.get("GET", "/b").route()).isEqualTo(EndpointRegistry.OTHER_ROUTE);
  }

  @Test
  void templatesGetTheirOwnEndpointAfterAFloodOfDerivedRoutes() {
    EndpointRegistry r = registry(50, 20);
    EndpointStats products = r.get("GET", "/products");
    for (int i = 0; i < 100_000; i++) {
      r.getDerived(i % 3 == 0 ? "POST" : "GET", "/junk" + i).complete(1_000_000, 200, null);
    }
    assertThat(derivedCount(r)).isEqualTo(20);
    assertThat(r.endpoints()).as("the cap of derived routes, the template and _other per method").hasSize(23);
    for (int i = 0; i < 40; i++) {
      assertThat(r.get("GET", "/report" + i).route()).as("a template first seen after the flood").isEqualTo("/report" + i);
    }
    assertThat(r.get("PUT", "/late").route()).as("past the cap a template takes a busy derived route's place")
        .isEqualTo("/late");
    assertThat(r.get("GET", "/products")).isSameAs(products);
    assertThat(r.endpoints()).hasSize(52);
    assertThat(r.evicted()).as("41 templates, 29 free places").isEqualTo(12);
  }

  @Test
  void idleDerivedRoutesGiveWayToNewOnes() {
    EndpointRegistry r = registry(10, 5);
    for (int i = 0; i < 5; i++) {
      r.getDerived("GET", "/old" + i).complete(1_000_000, 200, null);
    }
    EndpointStats busy = r.find("GET", "/old0");
    assertThat(r.getDerived("GET", "/new").route()).as("nothing idle yet").isEqualTo(EndpointRegistry.OTHER_ROUTE);
    r.tick(); // the requests so far are seen
    busy.complete(1_000_000, 200, null);
    r.tick(); // a whole tick without a request: /old1../old4 are idle, /old0 is not
    EndpointStats fresh = r.getDerived("GET", "/new");
    assertThat(fresh.route()).isEqualTo("/new");
    assertThat(r.evicted()).isEqualTo(1);
    assertThat(r.find("GET", "/old0")).as("the busy one stays").isSameAs(busy);
    for (int i = 0; i < 10; i++) {
      r.getDerived("GET", "/more" + i);
    }
    assertThat(r.evicted()).as("four were idle").isEqualTo(4);
    assertThat(r.find("GET", "/old0")).isSameAs(busy);
    assertThat(derivedCount(r)).isEqualTo(5);
  }

  @Test
  void anEvictedEndpointIsRetiredAndComesBackAsANewOne() {
    EndpointRegistry r = registry(10, 1);
    EndpointStats first = r.getDerived("GET", "/a/{id}");
    first.complete(1_000_000, 200, null);
    r.tick();
    r.tick();
    assertThat(r.getDerived("GET", "/b/{id}").route()).isEqualTo("/b/{id}");
    assertThat(first.retired()).isTrue();
    assertThat(r.find("GET", "/a/{id}")).isNull();
    assertThat(r.endpoints()).extracting(EndpointStats::route).containsExactly("/b/{id}");
  }

  @Test
  void anEndpointWithARequestInFlightIsNeverIdle() {
    EndpointRegistry r = registry(10, 1);
    EndpointStats slow = r.getDerived("GET", "/slow/{id}");
    slow.enter();
    r.tick();
    r.tick();
    assertThat(r.getDerived("GET", "/b").route()).isEqualTo(EndpointRegistry.OTHER_ROUTE);
    assertThat(slow.retired()).isFalse();
  }

  private static long derivedCount(EndpointRegistry r) {
    return r.endpoints().stream().filter(s -> s.derived).count();
  }

  @Test
  void windowIsSixTicks() {
    EndpointRegistry r = registry(10);
    assertThat(r.tickNanos()).isEqualTo(10_000_000_000L);
    assertThat(r.windowNanos()).isEqualTo(60_000_000_000L);
  }
}
