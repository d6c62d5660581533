package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.PrometheusServer;
import dev.vigil.its.support.Scrape;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's 2.42, native histograms on) scrapes the shop under load: it asks for the protobuf format
 * and gets each endpoint's latency as a native histogram. {@code GET /slow} waits about 300 ms, between the classic
 * buckets 0.25 and 0.5: there the classic p99 can only interpolate across that wide bucket, while the native p99
 * agrees with Vigil's own p99 (its HdrHistogram) within 2 %.
 */
class PrometheusNativeHistogramIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROUTE = "{http_route=\"/slow\"}";

  @Test
  void nativeP99AgreesWithVigilsOwnAndTheClassicOneDoesNot() throws Exception {
    Path shop = Paths.get(System.getProperty("vigil.shop.jar", "../shop/target/vigil-shop.jar"));
    assertThat(shop).as("the shop jar (built before these tests)").isRegularFile();
    // A 30 s window: the first request (slow: classes load, code is cold) leaves it before the load starts.
    try (AgentJvm app = AgentJvm.builderForJar(shop).sysProp("shop.port", "0").sysProp("vigil.signals.window", "30s")
        .start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/slow").statusCode()).isEqualTo(200); // the series exists before the load
      // Prometheus 2.x: the feature flag makes it ask for protobuf and keep native histograms (3.x: scrape config).
      try (PrometheusServer prometheus = PrometheusServer.start("vigil", app.agentUrl().substring("http://".length()),
          null, "--enable-feature=native-histograms")) {
        // Scrapes before the load: rate() over the last minute then covers exactly the loaded requests, and Vigil's
        // window (the first request gone from it) holds the same ones.
        await(prometheus, app, () -> value(prometheus, "histogram_count(vigil_http_server_latency_native_seconds"
            + ROUTE + ")") == 1);
        await(prometheus, app, () -> windowRequests(app) == 0);

        int loaded = load(base, Duration.ofSeconds(15));
        int sent = 1 + loaded;
        await(prometheus, app, () -> value(prometheus, "histogram_count(vigil_http_server_latency_native_seconds"
            + ROUTE + ")") == sent);

        Scrape own = new Scrape(app.scrape());
        assertThat(windowRequests(app)).as("Vigil's window holds the whole load").isEqualTo(loaded);
        double vigil = own.sum("vigil_http_server_latency_seconds", "http_route", "/slow", "quantile", "0.99");
        double nativeP99 = value(prometheus,
            "histogram_quantile(0.99, rate(vigil_http_server_latency_native_seconds" + ROUTE + "[1m]))");
        double classicP99 = value(prometheus, "histogram_quantile(0.99, sum by (le) (rate("
            + "http_server_request_duration_seconds_bucket" + ROUTE + "[1m])))");
        double nativeError = Math.abs(nativeP99 - vigil) / vigil;
        double classicError = Math.abs(classicP99 - vigil) / vigil;
        System.out.printf("[native] %d requests to /slow: Vigil p99 %.4f s, native %.4f s (%.2f %%), classic %.4f s"
            + " (%.2f %%)%n", sent, vigil, nativeP99, 100 * nativeError, classicP99, 100 * classicError);
        assertThat(vigil).isBetween(0.3, 10.0);
        assertThat(nativeError).as("native p99 %s vs Vigil's %s", nativeP99, vigil).isLessThan(0.02);
        assertThat(classicError).as("classic p99 %s vs Vigil's %s", classicP99, vigil).isGreaterThan(0.02)
            .isGreaterThan(nativeError);
        // The classic family still arrives whole next to the native one (dashboards keep their queries).
        assertThat(value(prometheus, "sum(http_server_request_duration_seconds_count" + ROUTE + ")")).isEqualTo(sent);
      }
    }
  }

  /** Four clients on /slow (and one on /products, so the shop is busy elsewhere too); returns the /slow requests. */
  private static int load(String base, Duration length) throws Exception {
    long end = System.nanoTime() + length.toNanos();
    AtomicInteger slow = new AtomicInteger();
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      String path = c == 4 ? "/products" : "/slow";
      clients.add(CompletableFuture.runAsync(() -> {
        while (System.nanoTime() < end) {
          assertThat(Http.get(base + path).statusCode()).isEqualTo(200);
          if (path.equals("/slow")) {
            slow.incrementAndGet();
          }
        }
      }));
    }
    CompletableFuture.allOf(clients.toArray(new CompletableFuture[0])).get(5, TimeUnit.MINUTES);
    return slow.get();
  }

  /** Requests to /slow in Vigil's sliding window, from /vigil/signals. */
  private static long windowRequests(AgentJvm app) throws Exception {
    for (JsonNode e : JSON.readTree(app.signals()).path("endpoints")) {
      if (e.path("route").asText().equals("/slow")) {
        return e.path("window_requests").asLong();
      }
    }
    return -1;
  }

  /** The single value of an instant query, NaN when it has none. */
  private static double value(PrometheusServer prometheus, String query) throws Exception {
    JsonNode result = prometheus.result(query);
    return result.size() == 1 ? Double.parseDouble(result.get(0).path("value").get(1).asText()) : Double.NaN;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Polls until the check holds (Prometheus starts, then scrapes every second), for up to 2 minutes. */
  private static void await(PrometheusServer prometheus, AgentJvm app, Check check) throws Exception {
    prometheus.await(() -> check.holds() ? BooleanNode.TRUE : null, AgentJvm.PATIENCE, app.output());
  }
}
