package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Browser;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The page at /vigil/ in a real headless Chromium, on the shop with the real jar under load (continuous profiler on,
 * traces to the test's OTLP receiver): it loads without a console error; the overview shows the numbers /vigil/signals
 * and /metrics give at the same moment; the N+1 route shows the finding with a trace id the receiver got; the flame
 * graph draws frames; the diagnosis names the connection pool once it saturates.
 */
@Isolated("Chromium and a saturated pool on two cores: alone, so the page refreshes within its waits")
class UiBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACE_URL = "http://127.0.0.1:16686/trace/{trace_id}";
  private static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void thePageShowsWhatTheAgentMeasures() throws Exception {
    Browser.require();
    try (OtlpReceiver otlp = OtlpReceiver.start();
        AgentJvm shop = AgentJvm.builderForJar(shopJar()).sysProp("shop.port", "0").sysProp("shop.db.pool", "1")
            // each borrowed connection held 2 ms, as by a slow database: the storm below queues for the one connection
            // even on a CPU-starved machine, where H2's microsecond queries alone left the pool idle at most instants
            .sysProp("shop.db.latency", "2")
            .sysProp("vigil.profiler.continuous", "true").sysProp("vigil.profiler.continuous.window", "10s")
            .sysProp("vigil.profiler.continuous.interval", "5ms")
            .sysProp("vigil.jmx.delay", "1s").sysProp("vigil.ui.trace_url", TRACE_URL)
            .sysProp("vigil.signals.window", "10m") // the figures compared stay in the window while the test runs
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint()).env("OTEL_SERVICE_NAME", "shop").start()) {
      String app = "http://127.0.0.1:" + shop.awaitReady();
      String agent = shop.agentUrl();
      try (Load load = new Load(app, 3, "/products/1", "/products/2", "/products", "/stock-report", "/cpu?n=500000",
          "/error")) {
        shop.awaitLine(l -> l.contains("continuous profiling"), WAIT);
        load.awaitRequests(300);
      }
      awaitIdle(agent);

      try (Browser browser = Browser.start()) {
        browser.open(agent + "/vigil/");
        overviewEqualsSignalsAndMetrics(browser, agent);
        browser.screenshot("overview");

        nPlusOneWithAReceivedTrace(browser, agent, otlp);
        browser.screenshot("route-stock-report");

        try (Load cpu = new Load(app, 1, "/cpu?n=500000")) {
          // the newest profile window is the one served: wait for one with /cpu's own frames
          awaitBody(agent + "/vigil/profile?route=%2Fcpu&format=collapsed", "countPrimes");
          flameGraphDraws(browser, agent);
          browser.screenshot("route-cpu");
        }

        try (Load storm = new Load(app, 24, "/stock-report")) {
          browser.open(agent + "/vigil/#/diagnosis");
          String title = browser.await("a pool_saturation cause naming shop-db on /stock-report", WAIT,
              () -> browser.js("var c = document.querySelector("
                  + "'section.route-diag[data-route=\"/stock-report\"] li.cause[data-kind=\"pool_saturation\"]');"
                  + " if (!c || c.textContent.indexOf('shop-db') < 0) return null;"
                  + " c.scrollIntoView(); return c.querySelector('.title').textContent;"));
          // named with its evidence: threads waiting right now, or its waits' share of the route's p99 (a loaded CI
          // machine may show the second between the page's refreshes)
          assertThat(title).contains("shop-db");
          browser.screenshot("diagnosis-pool");
          storm.awaitRequests(1);
        }
        browser.open(agent + "/vigil/#/saturation");
        browser.await("the saturation view lists the shop-db pool", WAIT,
            () -> browser.js("var t = document.querySelector('#connection-pools');"
                + " return t && t.textContent.indexOf('shop-db') >= 0;"));
        browser.screenshot("saturation");

        assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
      }
    }
  }

  /**
   * With the load stopped, the overview's row for a route shows /vigil/signals' figures: read before and after the
   * page's own fetch (the rate's divisor grows with time between the window's ticks, so the page's rate lies between
   * the two reads); errors agree with /metrics' status counts.
   */
  private static void overviewEqualsSignalsAndMetrics(Browser browser, String agent) throws Exception {
    browser.await("the overview table with GET /products/{id}", WAIT,
        () -> browser.driver().findElements(By.cssSelector("#overview tr[data-route='/products/{id}']")).size() == 1);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode before = JSON.readTree(Http.get(agent + "/vigil/signals").body());
      long asked = System.currentTimeMillis();
      browser.await("an overview refresh", WAIT, () -> {
        String now = browser.driver().findElement(By.id("view")).getAttribute("data-now-ms");
        return now != null && Long.parseLong(now) > asked;
      });
      Map<String, Map<String, String>> page = overviewRows(browser);
      JsonNode after = JSON.readTree(Http.get(agent + "/vigil/signals").body());
      List<String> routes = List.of("GET /products/{id}", "GET /error", "GET /stock-report", "GET /cpu");
      if (!routes.stream().allMatch(r -> endpoint(before, r).path("window_requests").asLong() > 0
          && endpoint(before, r).path("window_requests").equals(endpoint(after, r).path("window_requests")))) {
        assertThat(System.nanoTime()).as("a moment with no window tick between two reads").isLessThan(deadline);
        continue; // the window moved between the reads: try again
      }
      for (String route : routes) {
        JsonNode b = endpoint(before, route);
        JsonNode a = endpoint(after, route);
        Map<String, String> row = page.get(route);
        assertThat(row).as("row of " + route + " in " + page.keySet()).isNotNull();
        between(route + " rate/s", row.get("rate_per_s"), b.path("rate_per_second").asDouble(),
            a.path("rate_per_second").asDouble());
        same(route + " error %", row.get("error_pct"), 100 * b.path("error_ratio").asDouble());
        for (String q : List.of("p50_ms", "p90_ms", "p99_ms", "p999_ms")) {
          same(route + " " + q, row.get(q), b.path(q).asDouble());
        }
        same(route + " apdex", row.get("apdex").split(" ")[0], b.path("apdex").asDouble());
        assertThat(row.get("in_flight")).as(route + " in flight").isEqualTo("0");
      }
      Scrape metrics = new Scrape(Http.get(agent + "/metrics").body());
      String count = "http_server_request_duration_seconds_count";
      assertThat(metrics.sum(count, "http_route", "/error", "http_response_status_code", "500"))
          .isEqualTo(metrics.sum(count, "http_route", "/error")).isPositive();
      assertThat(page.get("GET /error").get("error_pct")).as("every /error answer on /metrics is a 500")
          .isEqualTo("100.0");
      assertThat(metrics.sum(count, "http_route", "/products/{id}", "http_response_status_code", "200"))
          .isEqualTo(metrics.sum(count, "http_route", "/products/{id}")).isPositive();
      assertThat(page.get("GET /products/{id}").get("error_pct")).isEqualTo("0.0");
      assertThat(page.get("GET /error").get("healthy")).as("a route whose every request fails").isEqualTo("false");
      assertThat(page.get("GET /products/{id}").get("healthy")).isEqualTo("true");
      return;
    }
  }

  /** Every overview row's shown text per data-field, read in one script run (a refresh cannot tear it). */
  private static Map<String, Map<String, String>> overviewRows(Browser browser) {
    List<Map<String, String>> rows = browser.js("return Array.from(document.querySelectorAll('#overview tbody tr'))"
        + ".map(function (tr) { var o = { key: tr.dataset.method + ' ' + tr.dataset.route, healthy: tr.dataset.healthy };"
        + " tr.querySelectorAll('[data-field]').forEach(function (td) { o[td.dataset.field] = td.textContent; });"
        + " return o; });");
    Map<String, Map<String, String>> byRoute = new HashMap<>();
    rows.forEach(r -> byRoute.put(r.get("key"), r));
    return byRoute;
  }

  private static void nPlusOneWithAReceivedTrace(Browser browser, String agent, OtlpReceiver otlp) {
    browser.open(agent + "/vigil/#/route?method=GET&route=%2Fstock-report");
    WebElement finding = browser.await("the N+1 finding of /stock-report with an example trace", WAIT, () -> {
      List<WebElement> rows = browser.driver().findElements(By.cssSelector("#n-plus-one tr.finding"));
      return rows.isEmpty() || rows.get(0).findElements(By.cssSelector("a.trace")).isEmpty() ? null : rows.get(0);
    });
    assertThat(finding.getText()).contains("FROM shop_product WHERE id = ?");
    List<String> shown = new ArrayList<>();
    for (WebElement link : finding.findElements(By.cssSelector("a.trace"))) {
      String id = link.getAttribute("data-trace-id");
      assertThat(id).matches("[0-9a-f]{32}");
      assertThat(link.getAttribute("href")).isEqualTo(TRACE_URL.replace("{trace_id}", id));
      shown.add(id);
    }
    List<ReceivedSpan> spans = otlp.await(s -> s.stream().anyMatch(x -> shown.contains(x.traceId)), WAIT);
    Set<String> received = spans.stream().map(s -> s.traceId).collect(Collectors.toSet());
    assertThat(shown).as("example trace ids the OTLP receiver got").containsAnyElementsOf(received);
  }

  /** The route's CPU flame graph (the agent's /vigil/profile page, framed) draws more than the root frame. */
  private static void flameGraphDraws(Browser browser, String agent) {
    browser.open(agent + "/vigil/#/route?method=GET&route=%2Fcpu");
    WebElement frame = browser.await("the flame graph frame", WAIT, () -> {
      List<WebElement> f = browser.driver().findElements(By.cssSelector("iframe.flame"));
      return f.isEmpty() ? null : f.get(0);
    });
    assertThat(frame.isDisplayed()).isTrue();
    browser.driver().switchTo().frame(frame);
    try {
      // async-profiler's page paints on a canvas 16 px per stack level; the JFR fallback's page draws one div per frame
      Long levels = browser.await("frames in the flame graph", WAIT, () -> {
        Number n = browser.js("var c = document.querySelector('canvas');"
            + " if (c) return Math.floor(c.getBoundingClientRect().height / 16);"
            + " return document.querySelectorAll('#g .f').length;");
        return n != null && n.longValue() >= 3 ? n.longValue() : null;
      });
      assertThat(levels).isGreaterThanOrEqualTo(3);
    } finally {
      browser.driver().switchTo().defaultContent();
    }
    browser.js("document.getElementById('flame').scrollIntoView();");
  }

  private static JsonNode endpoint(JsonNode signals, String methodRoute) {
    for (JsonNode e : signals.path("endpoints")) {
      if (methodRoute.equals(e.path("method").asText() + " " + e.path("route").asText())) {
        return e;
      }
    }
    throw new AssertionError(methodRoute + " is not on /vigil/signals: " + signals);
  }

  /** The shown text is {@code expected} rounded to the decimals shown. */
  private static void same(String what, String shown, double expected) {
    between(what, shown, expected, expected);
  }

  private static void between(String what, String shown, double lo, double hi) {
    assertThat(shown).as(what).matches("-?[0-9]+(\\.[0-9]+)?");
    int dot = shown.indexOf('.');
    double half = 0.5 * Math.pow(10, dot < 0 ? 0 : -(shown.length() - dot - 1)) + 1e-9;
    double value = Double.parseDouble(shown);
    assertThat(value).as(what + " shown as " + shown).isBetween(Math.min(lo, hi) - half, Math.max(lo, hi) + half);
  }

  private static void awaitIdle(String agent) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode s = JSON.readTree(Http.get(agent + "/vigil/signals").body());
      boolean idle = true;
      for (JsonNode e : s.path("endpoints")) {
        idle &= e.path("in_flight").asLong() == 0;
      }
      if (idle) {
        return;
      }
      assertThat(System.nanoTime()).as("requests still in flight after the load stopped: " + s).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void awaitBody(String url, String part) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Http.get(url).body().contains(part)) {
      assertThat(System.nanoTime()).as(url + " shows " + part).isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private static Path shopJar() {
    Path jar = Paths.get(System.getProperty("vigil.shop.jar", "../shop/target/vigil-shop.jar"));
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: build it first (mvn -B verify builds it before these tests)");
    }
    return jar;
  }

  /** {@code threads} clients, each looping over {@code paths} until closed. */
  private static final class Load implements AutoCloseable {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answered = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    Load(String base, int threads, String... paths) {
      for (int t = 0; t < threads; t++) {
        int offset = t;
        Thread thread = new Thread(() -> {
          for (int i = offset; running.get(); i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths[i % paths.length]))
                .timeout(Duration.ofSeconds(60)).build();
            try {
              client.send(request, HttpResponse.BodyHandlers.discarding());
              answered.incrementAndGet();
            } catch (Exception e) {
              if (e instanceof InterruptedException) {
                return;
              }
            }
          }
        }, "ui-it-load-" + t);
        thread.setDaemon(true);
        thread.start();
        this.threads.add(thread);
      }
    }

    void awaitRequests(long n) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (answered.get() < n) {
        assertThat(System.nanoTime()).as(n + " requests answered").isLessThan(deadline);
        Thread.sleep(100);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(90).toMillis());
      }
    }
  }
}
