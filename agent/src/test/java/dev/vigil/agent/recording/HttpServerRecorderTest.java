package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.bootstrap.ServerCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

  /**
   * An async request ends on another thread while its owner thread already serves the next request with the same call
   * object. The ending thread pauses inside {@code end} (in the span's {@code getSpanContext}, after the call is let go)
   * until the owner thread has started its next request: that request's state must survive the first one's end.
   */
  @Test
  void anAsyncEndLeavesTheNextRequestOnTheReusedCallIntact() throws Exception {
    EndpointStats first = registry.get("GET", "/first");
    EndpointStats second = registry.get("GET", "/second");
    ServerCall async = recorder.start("GET", "/first", true, null);
    CountDownLatch ending = new CountDownLatch(1);
    CountDownLatch nextStarted = new CountDownLatch(1);
    AtomicBoolean paused = new AtomicBoolean();
    Span pausing = (Span) Proxy.newProxyInstance(Span.class.getClassLoader(), new Class<?>[] {Span.class},
        (proxy, m, args) -> {
          if (!m.getName().equals("getSpanContext")) {
            return null;
          }
          if (paused.compareAndSet(false, true)) {
            ending.countDown();
            nextStarted.await(30, TimeUnit.SECONDS);
          }
          return SpanContext.getInvalid();
        });
    Field span = HttpServerRecorder.Call.class.getDeclaredField("span");
    span.setAccessible(true);
    span.set(async, pausing);

    Thread completer = new Thread(() -> async.end(200, null), "async-completer");
    completer.start();
    assertThat(ending.await(30, TimeUnit.SECONDS)).as("the completer reached the span").isTrue();
    ServerCall next = recorder.start("GET", "/second", true, null);
    assertThat(next).as("the owner thread reuses the call the completer let go").isSameAs(async);
    nextStarted.countDown();
    completer.join(30_000);
    assertThat(completer.isAlive()).isFalse();
    assertThat(second.inFlight()).as("the next request is in flight").isEqualTo(1);
    next.end(200, null);

    assertThat(first.requests()).isEqualTo(1);
    assertThat(first.inFlight()).isZero();
    assertThat(second.requests()).isEqualTo(1);
    assertThat(second.inFlight()).as("the next request left its endpoint when it ended").isZero();
  }
}
