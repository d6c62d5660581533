package dev.vigil.shop.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Demo traffic for the shop: a few users, each looping over a weighted mix of every endpoint with a short pause, for a
 * fixed time. Run it in its own JVM without the agent:
 * {@code java -cp vigil-shop.jar dev.vigil.shop.tools.TrafficDriver --base http://127.0.0.1:8080 --seconds 15}.
 * Prints what it sent, per endpoint and status.
 */
public final class TrafficDriver {
  /** The mix: each entry is picked with probability weight / total. */
  private static final String[][] MIX = {
    {"6", "GET /products"}, {"10", "GET /products/{id}"}, {"1", "GET /products/{missing}"},
    {"3", "POST /orders"}, {"3", "GET /orders/{id}"}, {"2", "GET /slow"}, {"1", "GET /error"}, {"3", "GET /cpu"},
    {"1", "GET /stock-report"},
  };

  private final String base;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
  private final AtomicLong lastOrderId = new AtomicLong();

  private TrafficDriver(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    String base = a.get("--base", "http://127.0.0.1:8080");
    int seconds = Integer.parseInt(a.get("--seconds", "15"));
    int users = Integer.parseInt(a.get("--users", "6"));
    long pauseMs = Long.parseLong(a.get("--pause-ms", "20"));
    TrafficDriver driver = new TrafficDriver(base);
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    Thread[] threads = new Thread[users];
    for (int i = 0; i < users; i++) {
      threads[i] = new Thread(() -> driver.loop(deadline, pauseMs), "user-" + i);
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    driver.report(seconds);
  }

  private void loop(long deadline, long pauseMs) {
    int total = 0;
    for (String[] m : MIX) {
      total += Integer.parseInt(m[0]);
    }
    while (System.nanoTime() < deadline) {
      int pick = ThreadLocalRandom.current().nextInt(total);
      for (String[] m : MIX) {
        pick -= Integer.parseInt(m[0]);
        if (pick < 0) {
          send(m[1]);
          break;
        }
      }
      pause(pauseMs);
    }
  }

  private void send(String endpoint) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    HttpRequest.Builder b;
    switch (endpoint) {
      case "GET /products/{id}":
        b = get("/products/" + (1 + random.nextInt(20)));
        break;
      case "GET /products/{missing}":
        b = get("/products/" + (100_000 + random.nextInt(1000)));
        break;
      case "POST /orders":
        String body = "{\"product_id\": " + (1 + random.nextInt(20))
            + ", \"quantity\": " + (1 + random.nextInt(3)) + "}";
        b = HttpRequest.newBuilder(URI.create(base + "/orders")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        break;
      case "GET /orders/{id}":
        long last = lastOrderId.get();
        b = get("/orders/" + (last > 0 ? 1 + random.nextLong(last) : 1));
        break;
      default:
        b = get(endpoint.substring(endpoint.indexOf(' ') + 1));
    }
    String outcome;
    try {
      HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      outcome = String.valueOf(r.statusCode());
      if (r.statusCode() == 201) {
        r.headers().firstValue("Location").ifPresent(l -> lastOrderId.accumulateAndGet(
            Long.parseLong(l.substring(l.lastIndexOf('/') + 1)), Math::max));
      }
    } catch (Exception e) {
      outcome = e.getClass().getSimpleName();
    }
    sent.computeIfAbsent(endpoint + " -> " + outcome, k -> new AtomicLong()).incrementAndGet();
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).GET();
  }

  private void report(int seconds) {
    Map<String, AtomicLong> sorted = new TreeMap<>(sent);
    long total = sorted.values().stream().mapToLong(AtomicLong::get).sum();
    System.out.printf("Sent %d requests in %d s (%.1f/s):%n", total, seconds, total / (double) seconds);
    sorted.forEach((k, v) -> System.out.printf("  %-36s %6d%n", k, v.get()));
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
