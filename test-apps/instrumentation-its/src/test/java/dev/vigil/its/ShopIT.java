package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shop (test-apps/shop, a runnable jar) with the real agent, as a user runs a service: a known number of requests
 * to every endpoint must show up on /metrics per route and status, and every route on /vigil/signals.
 */
class ShopIT {
  private static final String COUNT = "http_server_request_duration_seconds_count";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void countsEveryEndpointOnH2(String javaHome) throws Exception {
    try (AgentJvm app = AgentJvm.builderForJar(shopJar()).javaHome(javaHome).sysProp("shop.port", "0").start()) {
      driveAndCheck(app);
    }
  }

  @Test
  void countsEveryEndpointOnPostgres() throws Exception {
    requirePostgres();
    try (AgentJvm app = AgentJvm.builderForJar(shopJar()).sysProp("shop.port", "0").sysProp("shop.db", "postgres")
        .start()) {
      driveAndCheck(app);
    }
  }

  private static void driveAndCheck(AgentJvm app) throws Exception {
    String base = "http://127.0.0.1:" + app.awaitReady();
    Map<String, Integer> sent = new TreeMap<>(); // "METHOD route status" -> requests sent
    for (int i = 0; i < 5; i++) {
      expect(sent, "GET", "/products", Http.get(base + "/products").statusCode(), 200);
    }
    for (int id = 1; id <= 4; id++) {
      expect(sent, "GET", "/products/{id}", Http.get(base + "/products/" + id).statusCode(), 200);
    }
    for (int i = 0; i < 2; i++) {
      // the JDK server has no template below a context: its 404 cannot be told from a scanner's
      expect(sent, "GET", "_unmatched", Http.get(base + "/products/99999" + i).statusCode(), 404);
    }
    List<String> orders = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      HttpResponse<String> r = post(base + "/orders", "{\"product_id\": " + i + ", \"quantity\": 2}");
      expect(sent, "POST", "/orders", r.statusCode(), 201);
      orders.add(r.headers().firstValue("Location").orElseThrow());
    }
    for (String order : orders) {
      HttpResponse<String> r = Http.get(base + order);
      expect(sent, "GET", "/orders/{id}", r.statusCode(), 200);
      assertThat(r.body()).contains("\"quantity\":2");
    }
    for (int i = 0; i < 2; i++) {
      expect(sent, "GET", "/slow", Http.get(base + "/slow").statusCode(), 200);
    }
    for (int i = 0; i < 3; i++) {
      expect(sent, "GET", "/error", Http.get(base + "/error").statusCode(), 500);
    }
    for (int i = 0; i < 2; i++) {
      expect(sent, "GET", "/cpu", Http.get(base + "/cpu?n=20000").statusCode(), 200);
    }
    int total = sent.values().stream().mapToInt(Integer::intValue).sum();

    Scrape scrape = app.awaitScrape(s -> s.sum(COUNT) >= total);
    Map<String, Integer> scraped = new TreeMap<>();
    for (Scrape.Sample s : scrape.find(COUNT)) {
      scraped.merge(s.labels.get("http_request_method") + " " + s.labels.get("http_route") + " "
          + s.labels.get("http_response_status_code"), (int) s.value, Integer::sum);
    }
    assertThat(scraped).as("requests on /metrics per method, route and status").isEqualTo(sent);
    assertThat(scrape.sum(COUNT, "http_route", "/error", "http_response_status_code", "500", "error_type", "500"))
        .as("the app's own 500s are errors").isEqualTo(3);
    assertThat(scrape.sum("http_server_request_duration_seconds_sum", "http_route", "/slow"))
        .as("two requests of at least 300 ms").isGreaterThanOrEqualTo(0.6);

    JsonNode signals = new ObjectMapper().readTree(app.signals());
    Map<String, Long> listed = new TreeMap<>();
    for (JsonNode e : signals.path("endpoints")) {
      listed.put(e.path("method").asText() + " " + e.path("route").asText(), e.path("requests_total").asLong());
    }
    Map<String, Long> expectedPerRoute = new TreeMap<>();
    sent.forEach((k, v) -> expectedPerRoute.merge(k.substring(0, k.lastIndexOf(' ')), (long) v, Long::sum));
    assertThat(listed).as("every route on /vigil/signals with its request count").isEqualTo(expectedPerRoute);
    List<String> resources = new ArrayList<>();
    signals.path("saturation").forEach(r -> resources.add(r.path("resource").asText()));
    assertThat(resources).as("the shop's worker pool and connection pool in the saturation summary")
        .contains("executor/shop-worker", "db_pool/shop-db");
    JsonNode top = signals.path("most_saturated");
    assertThat(top.isNull() || top.asText().equals(resources.get(0))).as("the first listed, or none when all idle: " + top)
        .isTrue();
    assertThat(scrape.find("vigil_executor_threads_max", "executor_name", "shop-worker")).hasSize(1);
  }

  /** Records one request under its method, route and status, after checking the shop answered as it should. */
  private static void expect(Map<String, Integer> sent, String method, String route, int status, int expected) {
    assertThat(status).as(method + " " + route).isEqualTo(expected);
    sent.merge(method + " " + route + " " + status, 1, Integer::sum);
  }

  private static HttpResponse<String> post(String url, String json) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Path shopJar() {
    Path jar = Paths.get(System.getProperty("vigil.shop.jar", "../shop/target/vigil-shop.jar"));
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: build it first (mvn -B verify builds it before these tests)");
    }
    return jar;
  }

  private static void requirePostgres() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
    } catch (IOException e) {
      String message = "PostgreSQL is not reachable on 127.0.0.1:5432 (" + e.getMessage() + ")";
      if ("1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"))) {
        fail(message + " and VIGIL_REQUIRE_SERVICES=1");
      }
      Assumptions.abort(message + ": skipping the shop on PostgreSQL");
    }
  }
}
