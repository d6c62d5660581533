package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code java -jar vigil-agent.jar compare} against two shops (test-apps/shop) with the real agent, under the same
 * interleaved load: a canary started with one route slowed is named worse on that route and on no other (exit 1); two identical shops pass (exit 0); an instance that cannot be read gives exit 2.
 */
@Isolated("two instances' latencies are compared: a neighbour test would load one more than the other")
class CanaryCompareIT {
  private static final int WINDOW_SECONDS = 12;
  private static final List<String> ROUTES = List.of("GET /products", "GET /products/{id}", "GET /error");

  @Test
  void aSlowedRouteIsWorseAndTheOthersTheSame() throws Exception {
    try (AgentJvm baseline = shop(null); AgentJvm canary = shop("/products/=40")) {
      ExternalTools.Result r = compareUnderLoad(baseline, canary);
      assertThat(r.exitCode).as(r.output).isEqualTo(1);
      assertThat(verdict(r.output, "GET /products/{id}")).as(r.output).isEqualTo("worse");
      // not worse; "better" is possible and true: the canary sleeps through its slowed requests, so under the same
      // interleaved load its other routes compete less for the CPU than the baseline's
      assertThat(verdict(r.output, "GET /products")).as(r.output).isIn("same", "better");
      assertThat(verdict(r.output, "GET /error")).as(r.output).isEqualTo("same");
      assertThat(r.output).contains("verdict: 1 route is worse on the canary");
    }
  }

  @Test
  void identicalInstancesPass() throws Exception {
    try (AgentJvm baseline = shop(null); AgentJvm canary = shop(null)) {
      ExternalTools.Result r = compareUnderLoad(baseline, canary);
      assertThat(r.exitCode).as(r.output).isEqualTo(0);
      for (String route : ROUTES) {
        assertThat(verdict(r.output, route)).as(r.output).isEqualTo("same");
      }
    }
  }

  @Test
  void anInstanceThatCannotBeReadExitsWithTwo() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort(); // free once closed: nothing listens there
    }
    HttpServer samples = cannedSamples("secret");
    try {
      String served = "127.0.0.1:" + samples.getAddress().getPort();
      ExternalTools.Result r = ProfilerAttachIT.cli("compare", "127.0.0.1:" + closed, served, "--token", "secret");
      assertThat(r.exitCode).as(r.output).isEqualTo(2);
      assertThat(r.output).contains("cannot read baseline http://127.0.0.1:" + closed + "/vigil/api/samples");

      r = ProfilerAttachIT.cli("compare", served, served); // no token: the server answers 401
      assertThat(r.exitCode).as(r.output).isEqualTo(2);
      assertThat(r.output).contains("HTTP 401");

      r = ProfilerAttachIT.cli("compare", served, served, "--token", "secret");
      assertThat(r.exitCode).as(r.output).isEqualTo(0);
      assertThat(verdict(r.output, "GET /a")).as(r.output).isEqualTo("same");
    } finally {
      samples.stop(0);
    }
  }

  /** A samples document behind a bearer token, as an instance bound to a non-loopback address serves it. */
  private static HttpServer cannedSamples(String token) throws IOException {
    StringBuilder ms = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      ms.append(i == 0 ? "" : ",").append(1 + i % 10);
    }
    byte[] body = ("{\"service\":\"x\",\"window_seconds\":60,\"routes\":[{\"method\":\"GET\",\"route\":\"/a\","
        + "\"count\":100,\"errors\":0,\"window_seconds\":60,\"samples_ms\":[" + ms + "]}]}")
        .getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/vigil/api/samples", exchange -> {
      boolean allowed = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.sendResponseHeaders(allowed ? 200 : 401, allowed ? body.length : -1);
      try (OutputStream out = exchange.getResponseBody()) {
        if (allowed) {
          out.write(body);
        }
      }
    });
    server.start();
    return server;
  }

  private static AgentJvm shop(String delay) throws IOException {
    AgentJvm.Builder b = AgentJvm.builderForJar(shopJar()).sysProp("shop.port", "0")
        .sysProp("vigil.signals.window", WINDOW_SECONDS + "s");
    if (delay != null) {
      b.sysProp("shop.delay", delay);
    }
    return b.start();
  }

  /**
   * Drives both shops with the same requests, alternating between them, until their windows hold only warm requests
   * and enough of every route; runs compare meanwhile.
   */
  private static ExternalTools.Result compareUnderLoad(AgentJvm baseline, AgentJvm canary) throws Exception {
    String[] bases = {"http://127.0.0.1:" + baseline.awaitReady(), "http://127.0.0.1:" + canary.awaitReady()};
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger rounds = new AtomicInteger();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; running.get(); i = rounds.incrementAndGet()) {
          for (String base : bases) {
            try {
              Http.get(base + "/products");
              Http.get(base + "/products/" + (1 + i % 4));
              Http.get(base + "/error");
            } catch (IllegalStateException e) {
              // a failed request is one sample less on that side; the waits below notice if none come
            }
          }
        }
      }, "canary-load-" + t);
      thread.setDaemon(true);
      thread.start();
      load.add(thread);
    }
    try {
      long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
      while (rounds.get() < 300 && System.nanoTime() < deadline) { // warm: the JIT has seen each route 300 times
        Thread.sleep(100);
      }
      assertThat(rounds.get()).as("load rounds within " + AgentJvm.PATIENCE).isGreaterThanOrEqualTo(300);
      Thread.sleep((WINDOW_SECONDS + 1) * 1000L); // one window later, the windows hold only requests served warm
      awaitSamples(baseline, 50);
      awaitSamples(canary, 50);
      ExternalTools.Result r = ProfilerAttachIT.cli("compare", hostPort(baseline), hostPort(canary));
      System.out.println(r.output); // the table, in the test's report
      return r;
    } finally {
      running.set(false);
      for (Thread thread : load) {
        thread.join(AgentJvm.PATIENCE.toMillis());
      }
    }
  }

  /** Waits until every route has at least {@code n} latencies (or, for /error, requests) in the instance's window. */
  private static void awaitSamples(AgentJvm app, int n) throws Exception {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = Http.get(app.agentUrl() + "/vigil/api/samples").body();
      JsonNode routes = new ObjectMapper().readTree(last).path("routes");
      int ready = 0;
      for (JsonNode r : routes) {
        String key = r.path("method").asText() + " " + r.path("route").asText();
        long have = key.equals("GET /error") ? r.path("count").asLong() : r.path("samples_ms").size();
        ready += ROUTES.contains(key) && have >= n ? 1 : 0;
      }
      if (ready == ROUTES.size()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("fewer than " + n + " samples per route within " + AgentJvm.PATIENCE + ": " + last);
  }

  private static String hostPort(AgentJvm app) {
    return app.agentUrl().substring("http://".length());
  }

  /** The verdict column of a route's line in compare's table. */
  private static String verdict(String output, String route) {
    String[] methodAndRoute = route.split(" ", 2);
    Pattern line = Pattern.compile("^" + Pattern.quote(methodAndRoute[0]) + " +" + Pattern.quote(methodAndRoute[1])
        + " +(worse|better|same|not enough data) .*$", Pattern.MULTILINE);
    java.util.regex.Matcher m = line.matcher(output);
    return m.find() ? m.group(1) : "(no line for " + route + ")";
  }

  private static Path shopJar() {
    Path jar = Paths.get(System.getProperty("vigil.shop.jar", "../shop/target/vigil-shop.jar"));
    assertThat(Files.isRegularFile(jar)).as(jar + " is built before these tests").isTrue();
    return jar;
  }
}
