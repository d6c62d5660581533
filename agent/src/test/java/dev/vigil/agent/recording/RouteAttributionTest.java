package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.HttpClientRegistry;
import dev.vigil.agent.signals.RouteDependencies;
import dev.vigil.bootstrap.ClientCall;
import dev.vigil.bootstrap.ServerCall;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outbound calls made while a request is served land in that route's table; calls outside a request nowhere. */
class RouteAttributionTest {
  private final EndpointRegistry endpoints = new EndpointRegistry(10, new ApdexThresholds(500, Map.of()),
      60_000_000_000L);
  private final HttpServerRecorder http = new HttpServerRecorder(endpoints);
  private final HttpClientRecorder client = new HttpClientRecorder(new HttpClientRegistry(100, 1000), false)
      .attributeTo(http);

  @Test
  void outboundCallsGoToTheRouteBeingServed() {
    client.start("GET", "http://outside:80/x", null).end(200, null); // no request: attributed to nothing
    http.start("GET", "/checkout", true, null).end(200, null); // the first request creates the endpoint at its end
    assertThat(endpoints.get("GET", "/checkout").dependenciesOrNull()).isNull();
    ServerCall request = http.start("GET", "/checkout", true, null);
    ClientCall call = client.start("POST", "http://payments:8080/pay", null);
    client.start("GET", "http://payments:8080/status", null).end(200, null);
    call.end(201, null); // ended later (an async client): still the route that made it
    request.end(200, null);
    RouteDependencies d = endpoints.get("GET", "/checkout").dependenciesOrNull();
    assertThat(d).isNotNull();
    assertThat(d.hosts()).hasSize(1);
    assertThat(d.hosts().get(0).name).isEqualTo("payments");
    assertThat(d.hosts().get(0).port).isEqualTo(8080);
    assertThat(d.hosts().get(0).count()).isEqualTo(2);
    assertThat(d.statements()).isEmpty();
  }

  /** Netty and Reactor Netty start the call on an event loop: the route is the one served where it was remembered. */
  @Test
  void callsStartedOnAnIoThreadGoToTheRouteThatRememberedThem() throws Exception {
    http.start("GET", "/orders", true, null).end(200, null);
    Object channel = new Object();
    ServerCall request = http.start("GET", "/orders", true, null);
    client.captureContext(channel);
    Thread eventLoop = new Thread(() -> client.start("GET", false, "stock:9090", null, "/level", channel)
        .end(200, null));
    eventLoop.start();
    eventLoop.join();
    request.end(200, null);
    RouteDependencies d = endpoints.get("GET", "/orders").dependenciesOrNull();
    assertThat(d).isNotNull();
    assertThat(d.hosts()).extracting(h -> h.name).containsExactly("stock");
  }
}
