package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Jmx;
import dev.vigil.its.support.RawClient;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * A scanner against the shop (real jar, 512 MB heap): 100,000 requests of random paths and methods, then real routes hit
 * for the first time. Every one of them must get its own series, the series on /metrics stay bounded, and the heap
 * after a full GC grows by at most 10 MB.
 */
class ScannerFloodIT {
  private static final int REQUESTS = 100_000;
  private static final int CLIENTS = 4;
  private static final String COUNT = "http_server_request_duration_seconds_count";
  private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE",
      "PROPFIND", "MKCOL", "SEARCH", "BREW", "X-SCAN"};
  private static final String[] CONTEXTS = {"/products/", "/orders/"};
  private static final String[] TAILS = {".php", ".env", ".bak", "/../../etc/passwd", ".git/config", "", "/admin"};

  @Test
  void realRoutesFirstSeenAfterAScannerGetTheirOwnSeries() throws Exception {
    int jmxPort = Jmx.freePort();
    AgentJvm.Builder shop = AgentJvm.builderForJar(TestApps.file("shop", "target/vigil-shop.jar"))
        .jvmArg("-Xmx512m").sysProp("shop.port", "0").sysProp("vigil.signals.window", "6s") // a tick is 1 s
        // The shop sets it in main when absent; the JDK reads it once, at the first HttpServer of the JVM, which may
        // be the agent's: on the command line it holds whichever starts first (docs/metrics.md, the endpoint).
        .sysProp("sun.net.httpserver.nodelay", "true");
    Jmx.jvmOptions(jmxPort).forEach(shop::jvmArg);
    try (AgentJvm app = shop.start(); Jmx jmx = Jmx.connect(jmxPort, Duration.ofSeconds(60))) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int i = 0; i < 20; i++) {
        assertThat(Http.get(base + "/products").statusCode()).isEqualTo(200);
        assertThat(Http.get(base + "/products/" + (1 + i % 4)).statusCode()).isEqualTo(200);
      }
      app.awaitScrape(s -> s.sum(COUNT) >= 40);
      long heapBefore = heapAfterGc(jmx);
      int samplesBefore = new Scrape(app.scrape()).samples().size();

      long start = System.nanoTime();
      Map<Integer, Integer> statuses = flood(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
      double floodSeconds = (System.nanoTime() - start) / 1e9;

      assertThat(Http.get(base + "/stock-report").statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/slow").statusCode()).isEqualTo(200);
      Scrape afterFlood = app.awaitScrape(s -> s.sum(COUNT, "http_route", "/slow") >= 1);
      assertThat(afterFlood.sum(COUNT, "http_route", "/stock-report")).as("a template first seen after the flood")
          .isEqualTo(1);
      assertThat(afterFlood.sum(COUNT, "http_route", "/slow")).isEqualTo(1);

      // a route made from a path: its place is one a scanner's route gives up once idle for a tick
      long secondsToOwnSeries = firstOwnSeriesOfADerivedRoute(app, base);
      Scrape last = new Scrape(app.scrape());
      long heapAfter = heapAfterGc(jmx);
      Set<String> routes = last.find(COUNT).stream().map(s -> s.labels.get("http_route")).collect(Collectors.toSet());
      double unmatched = last.sum(COUNT, "http_route", "_unmatched");
      double evicted = last.sum("vigil_metric_series_evicted_total");
      double folded = last.sum("vigil_metric_series_folded_total", "metric", "http.server");
      long heapDeltaKb = (heapAfter - heapBefore) / 1024;

      // /products/{id}, made from paths and idle during the flood, may have given its place: it comes back when hit
      assertThat(routes).contains("/products", "/stock-report", "/slow", "/orders/{id}", "_unmatched");
      assertThat(routes.size()).as("routes on /metrics: at most the 64 places of routes made from paths, the shop's"
          + " templates and the two special routes").isLessThanOrEqualTo(64 + 10 + 2);
      assertThat(unmatched).as("every 404 and 405 a handler gave below a context")
          .isEqualTo(statuses.getOrDefault(404, 0) + statuses.getOrDefault(405, 0));
      assertThat(evicted + folded).as("the /error/... routes (500) outgrew the 64 places").isPositive();
      assertThat(heapDeltaKb).as("heap after a full GC, after the flood against before").isLessThan(10 * 1024);
      HostileReport.print("scanner flood",
          String.format("%,d requests of random paths and methods in %.0f s (%,.0f/s), 4 clients, -Xmx512m",
              REQUESTS, floodSeconds, REQUESTS / floodSeconds),
          String.format("heap after full GC %+,d KB; samples on /metrics %d -> %d; %d routes; %,.0f requests under"
              + " _unmatched, %,.0f derived endpoints evicted, %,.0f requests folded", heapDeltaKb, samplesBefore,
              last.samples().size(), routes.size(), unmatched, evicted, folded),
          String.format("%,d (statuses %s)", REQUESTS, new TreeMap<>(statuses)),
          "none: /stock-report and /slow had their own series at once, /orders/{id} (a route made from paths) within "
              + secondsToOwnSeries + " s");
    }
  }

  private static Map<Integer, Integer> flood(int port) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<Map<Integer, Integer>>> parts = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int seed = c;
      parts.add(pool.submit(() -> floodPart(port, REQUESTS / CLIENTS, new Random(seed))));
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (Future<Map<Integer, Integer>> part : parts) {
      part.get(10, TimeUnit.MINUTES).forEach((k, v) -> statuses.merge(k, v, Integer::sum));
    }
    pool.shutdown();
    return statuses;
  }

  /**
   * Nine in ten requests go below the shop's contexts (its handlers answer 404 or 405), one in ten to a path no context
   * serves (the JDK server answers 404 itself and closes the connection; counted as -404 as it never reaches the
   * agent); one in fifty below /error, where the handler fails whatever the path (500: routes made from the path).
   */
  private static Map<Integer, Integer> floodPart(int port, int requests, Random random) throws Exception {
    Map<Integer, Integer> statuses = new TreeMap<>();
    try (RawClient client = new RawClient("127.0.0.1", port)) {
      for (int i = 0; i < requests; i++) {
        int dice = random.nextInt(50);
        boolean inContext = dice == 0 || dice >= 5;
        String path = (dice == 0 ? "/error/" : inContext ? CONTEXTS[random.nextInt(CONTEXTS.length)] : "/")
            + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + TAILS[random.nextInt(TAILS.length)];
        int status = client.send(METHODS[random.nextInt(METHODS.length)], path);
        statuses.merge(inContext ? status : -status, 1, Integer::sum);
      }
    }
    return statuses;
  }

  /** Places an order, then reads it until /orders/{id} has its own series; returns the seconds that took. */
  private static long firstOwnSeriesOfADerivedRoute(AgentJvm app, String base) throws Exception {
    HttpResponse<String> placed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/orders"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\": 1, \"quantity\": 1}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(placed.statusCode()).isEqualTo(201);
    String order = placed.headers().firstValue("Location").orElseThrow();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Http.get(base + order);
      if (new Scrape(app.scrape()).sum(COUNT, "http_route", "/orders/{id}") >= 1) {
        break;
      }
      Thread.sleep(250);
    }
    return Math.round((System.nanoTime() - start) / 1e9);
  }

  private static long heapAfterGc(Jmx jmx) throws Exception {
    ObjectName memory = new ObjectName("java.lang:type=Memory");
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      jmx.invoke(memory, "gc");
      used = Math.min(used, (Long) ((CompositeData) jmx.get(memory, "HeapMemoryUsage")).get("used"));
    }
    return used;
  }
}
