package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The shop with the real agent: /vigil/api/* agrees with /vigil/signals, the N+1 route shows its finding with a trace
 * id, {@code diagnose} prints the findings and the route table (over HTTP and over the attach channel), the token
 * guards /vigil/* off loopback, and a saturated connection pool is named as the first cause of its route.
 */
class InsightIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void apiAgreesWithSignalsAndDiagnoseNamesTheNPlusOne() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builderForJar(shopJar()).sysProp("shop.port", "0")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).start()) {
      String shop = "http://127.0.0.1:" + app.awaitReady();
      String agent = app.agentUrl();
      try (Load load = new Load(4, shop + "/products/1", shop + "/products/2", shop + "/stock-report")) {
        load.await(120);
      }
      assertOverviewRowEqualsSignals(agent, "GET", "/products/{id}");

      JsonNode route = awaitJson(agent + "/vigil/api/route?method=GET&route=%2Fstock-report",
          r -> r.path("n_plus_one").size() > 0 && r.path("n_plus_one").get(0).path("example_trace_ids").size() > 0);
      JsonNode finding = route.path("n_plus_one").get(0);
      assertThat(finding.path("statement").asText()).containsIgnoringCase("shop_product").contains("?");
      assertThat(finding.path("count").asInt()).isGreaterThanOrEqualTo(5);
      String traceId = finding.path("example_trace_ids").get(0).asText();
      assertThat(traceId).matches("[0-9a-f]{32}");
      awaitTrue(() -> receiver.spans().stream().anyMatch(s -> s.traceId.equals(traceId)),
          "the finding's trace " + traceId + " reached the collector");
      JsonNode sql = route.path("sql");
      assertThat(sql.size()).as("the ids query and the per-product query").isGreaterThanOrEqualTo(2);
      JsonNode perProduct = null;
      for (int i = 0; i < sql.size(); i++) {
        if (i > 0) {
          assertThat(sql.get(i).path("total_ms").asDouble()).as("by total time, descending")
              .isLessThanOrEqualTo(sql.get(i - 1).path("total_ms").asDouble());
        }
        if (sql.get(i).path("statement").asText().equals(finding.path("statement").asText())) {
          perProduct = sql.get(i);
        }
      }
      assertThat(perProduct).as("the N+1 statement in the route's SQL: " + sql).isNotNull();
      assertThat(perProduct.path("per_request").asDouble()).as("one query per product of the report")
          .isGreaterThanOrEqualTo(5);
      assertThat(perProduct.path("db_system").asText()).isEqualTo("h2database");
      assertThat(route.path("history").has("p99_ms")).isTrue();
      assertThat(route.has("trace_url")).isTrue();

      String hostPort = URI.create(agent).getAuthority();
      ExternalTools.Result byHttp = cli("diagnose", hostPort);
      assertThat(byHttp.exitCode).as(byHttp.output).isZero();
      assertThat(byHttp.output).contains("METHOD ROUTE").containsPattern("GET +/products/\\{id\\} +\\d")
          .containsPattern("\\d+\\. GET /stock-report +n_plus_one").contains("trace " + traceId);
      ExternalTools.Result byPid = cli("diagnose", String.valueOf(app.process().pid()));
      assertThat(byPid.exitCode).as(byPid.output).isZero();
      assertThat(byPid.output).contains("METHOD ROUTE").containsPattern("GET /stock-report +n_plus_one");
      ExternalTools.Result nobody = cli("diagnose", "127.0.0.1:1");
      assertThat(nobody.exitCode).as(nobody.output).isNotZero();
      assertThat(nobody.output).contains("cannot reach http://127.0.0.1:1/vigil/api/overview");
    }
  }

  @Test
  void aTokenGuardsVigilPathsOffLoopbackButNotMetrics() throws Exception {
    try (AgentJvm app = AgentJvm.builderForJar(shopJar()).sysProp("shop.port", "0")
        .sysProp("vigil.prometheus.host", "0.0.0.0").sysProp("vigil.http.token", "s3cret").start()) {
      String shop = "http://127.0.0.1:" + app.awaitReady();
      String agent = "http://127.0.0.1:" + URI.create(app.agentUrl()).getPort();
      Http.get(shop + "/products/1");
      assertThat(Http.get(agent + "/metrics").statusCode()).isEqualTo(200);
      for (String path : List.of("/vigil/api/overview", "/vigil/api/diagnosis", "/vigil/signals")) {
        assertThat(Http.get(agent + path).statusCode()).as(path + " without a token").isEqualTo(401);
        assertThat(Http.get(agent + path, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(Http.get(agent + path, "Authorization", "Bearer s3cret").statusCode()).as(path).isEqualTo(200);
      }
      String hostPort = "127.0.0.1:" + URI.create(agent).getPort();
      ExternalTools.Result withToken = cli("diagnose", hostPort, "--token", "s3cret");
      assertThat(withToken.exitCode).as(withToken.output).isZero();
      ExternalTools.Result without = cli("diagnose", hostPort);
      assertThat(without.exitCode).isNotZero();
      assertThat(without.output).contains("needs a token");
    }
  }

  @Test
  void withoutATokenVigilPathsAreNotServedOffLoopback() throws Exception {
    try (AgentJvm app = AgentJvm.builderForJar(shopJar()).sysProp("shop.port", "0")
        .sysProp("vigil.prometheus.host", "0.0.0.0").start()) {
      app.awaitReady();
      String agent = "http://127.0.0.1:" + URI.create(app.agentUrl()).getPort();
      assertThat(Http.get(agent + "/metrics").statusCode()).isEqualTo(200);
      assertThat(Http.get(agent + "/vigil/api/overview").statusCode()).isEqualTo(404);
      assertThat(Http.get(agent + "/vigil/signals").statusCode()).isEqualTo(404);
      assertThat(app.output()).contains("is not served on 0.0.0.0").contains("vigil.http.token is not set");
    }
  }

  @Test
  void aSaturatedConnectionPoolIsTheFirstCauseOfItsRoute() throws Exception {
    try (AgentJvm app = AgentJvm.builderForJar(shopJar()).sysProp("shop.port", "0").sysProp("shop.db.pool", "1")
        .sysProp("vigil.signals.window", "10s").start()) {
      String shop = "http://127.0.0.1:" + app.awaitReady();
      String agent = app.agentUrl();
      // 8 clients against one connection (the shop has 16 workers: they wait for the pool, not for a thread)
      try (Load load = new Load(8, shop + "/products/1", shop + "/products/2", shop + "/products/3")) {
        JsonNode route = awaitRoute(agent, "GET", "/products/{id}", r -> r.path("causes").size() > 0
            && r.path("causes").get(0).path("kind").asText().equals("pool_saturation"));
        JsonNode first = route.path("causes").get(0);
        assertThat(first.path("title").asText()).contains("shop-db");
        assertThat(first.path("evidence").toString()).contains("pool wait p99");
        assertThat(load.sent()).isPositive();
      }
      JsonNode saturation = JSON.readTree(Http.get(agent + "/vigil/api/saturation").body());
      assertThat(saturation.path("connection_pools").get(0).path("name").asText()).isEqualTo("shop-db");
      assertThat(saturation.path("connection_pools").get(0).path("max").asInt()).isEqualTo(1);
    }
  }

  /** Polls until the overview's row for the route has the same numbers as /vigil/signals read right before it. */
  private static void assertOverviewRowEqualsSignals(String agent, String method, String route) throws Exception {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    String mismatch = "";
    while (System.nanoTime() < deadline) {
      JsonNode signals = find(JSON.readTree(Http.get(agent + "/vigil/signals").body()).path("endpoints"), method, route);
      JsonNode row = find(JSON.readTree(Http.get(agent + "/vigil/api/overview").body()).path("routes"), method, route);
      if (signals != null && row != null) {
        mismatch = differences(signals, row);
        if (mismatch.isEmpty()) {
          assertThat(row.path("apdex_rating").asText()).isIn("Excellent", "Good", "Fair", "Poor", "Unacceptable");
          assertThat(row.path("spark").path("minute_ms").isArray()).isTrue();
          return;
        }
      }
      Thread.sleep(200);
    }
    fail("overview row of " + method + " " + route + " differs from /vigil/signals: " + mismatch);
  }

  private static String differences(JsonNode signals, JsonNode row) {
    StringBuilder d = new StringBuilder();
    for (String q : List.of("p50_ms", "p90_ms", "p99_ms", "p999_ms", "apdex", "in_flight")) {
      if (signals.path(q).asDouble() != row.path(q).asDouble()) {
        d.append(q).append(' ').append(signals.path(q)).append(" vs ").append(row.path(q)).append("; ");
      }
    }
    if (Math.abs(signals.path("error_ratio").asDouble() * 100 - row.path("error_pct").asDouble()) > 0.1) {
      d.append("error ").append(signals.path("error_ratio")).append(" vs ").append(row.path("error_pct"));
    }
    double rate = signals.path("rate_per_second").asDouble();
    if (rate <= 0 || Math.abs(rate - row.path("rate_per_s").asDouble()) > rate * 0.05) { // the window's span grows
      d.append("rate ").append(rate).append(" vs ").append(row.path("rate_per_s"));
    }
    return d.toString();
  }

  private static JsonNode find(JsonNode rows, String method, String route) {
    for (JsonNode r : rows) {
      if (r.path("method").asText().equals(method) && r.path("route").asText().equals(route)) {
        return r;
      }
    }
    return null;
  }

  private static JsonNode awaitRoute(String agent, String method, String route,
      java.util.function.Predicate<JsonNode> ready) throws Exception {
    JsonNode[] last = {null};
    awaitJson(agent + "/vigil/api/diagnosis", d -> {
      last[0] = find(d.path("routes"), method, route);
      return last[0] != null && ready.test(last[0]);
    });
    return last[0];
  }

  private static JsonNode awaitJson(String url, java.util.function.Predicate<JsonNode> ready) throws Exception {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = JSON.readTree(Http.get(url).body());
      if (ready.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    fail("no wanted answer from " + url + " within " + AgentJvm.PATIENCE + "; last: " + last);
    return null;
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + AgentJvm.PATIENCE + ": " + what);
      }
      Thread.sleep(100);
    }
  }

  static ExternalTools.Result cli(String... args) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-jar", AgentJvm.agentJar().toString()));
    cmd.addAll(List.of(args));
    return ExternalTools.run(cmd, "");
  }

  private static Path shopJar() {
    Path jar = Paths.get(System.getProperty("vigil.shop.jar", "../shop/target/vigil-shop.jar"));
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: build it first (mvn -B verify builds it before these tests)");
    }
    return jar;
  }

  /** Closed-loop load: each client requests the URLs in turn until closed (or until {@link #await} has its count). */
  private static final class Load implements AutoCloseable {
    private final ExecutorService clients;
    private final List<Future<?>> running = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();

    Load(int threads, String... urls) {
      clients = Executors.newFixedThreadPool(threads);
      for (int t = 0; t < threads; t++) {
        int offset = t;
        running.add(clients.submit(() -> {
          for (int i = offset; !stop.get(); i++) {
            int status = Http.get(urls[i % urls.length]).statusCode();
            if (status != 200) {
              throw new IllegalStateException(urls[i % urls.length] + " answered " + status);
            }
            sent.incrementAndGet();
          }
          return null;
        }));
      }
    }

    /** Waits until {@code requests} were answered (failing on a client's error), then stops. */
    void await(long requests) throws Exception {
      long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
      while (sent.get() < requests) {
        for (Future<?> f : running) {
          if (f.isDone()) {
            f.get();
          }
        }
        if (System.nanoTime() > deadline) {
          fail("only " + sent.get() + " of " + requests + " requests answered in " + AgentJvm.PATIENCE);
        }
        Thread.sleep(20);
      }
      close();
    }

    long sent() {
      return sent.get();
    }

    @Override
    public void close() throws Exception {
      stop.set(true);
      clients.shutdown();
      if (!clients.awaitTermination(AgentJvm.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        clients.shutdownNow();
      }
    }
  }
}
