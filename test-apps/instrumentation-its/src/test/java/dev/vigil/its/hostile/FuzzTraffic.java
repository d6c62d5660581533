package dev.vigil.its.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends each generated header set to the shop with the agent, on a cheap route whose answer does not depend on the
 * headers ({@code GET /cpu/<n>?n=2}); {@code n} is unique per request and becomes the span's url.path, which ties each
 * span to its headers. The shop without the agent gets the same request whenever the answer differs from its usual one,
 * and every tenth request in any case: so every answer is compared with the one the shop gives without the agent, at
 * little more than half the cost of sending everything twice.
 */
final class FuzzTraffic implements AutoCloseable {
  static final int CONCURRENCY = 4;
  private static final AtomicLong NEXT = new AtomicLong(1);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, r -> {
    Thread t = new Thread(r, "fuzz-traffic");
    t.setDaemon(true);
    return t;
  });
  private final int plainPort;
  private final int agentPort;
  /** The plain shop's answer to the route without any propagation header. */
  private final String usual;

  /** One request: its headers and both answers. {@code expected} is filled in by the property. */
  static final class Sent {
    final String path;
    final Map<String, String> headers;
    String plainAnswer;
    String agentAnswer;
    Optional<ExpectedParent.Parent> expected = Optional.empty();

    Sent(String path, Map<String, String> headers) {
      this.path = path;
      this.headers = headers;
    }

    boolean sameAnswer() {
      return agentAnswer.equals(plainAnswer);
    }

    Map<String, String> lowerCaseHeaders() {
      Map<String, String> m = new LinkedHashMap<>();
      headers.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
      return m;
    }

    String describe() {
      StringBuilder b = new StringBuilder(path).append(" answered ").append(agentAnswer).append(" (without the agent ")
          .append(plainAnswer).append(") with");
      headers.forEach((k, v) -> b.append(' ').append(k).append("=[")
          .append(v.length() > 120 ? v.substring(0, 120) + "... " + v.length() + " chars" : v).append(']'));
      return b.toString();
    }
  }

  FuzzTraffic(int plainPort, int agentPort) {
    this.plainPort = plainPort;
    this.agentPort = agentPort;
    this.usual = answer(plainPort, new Sent("/cpu/0", Map.of()));
  }

  List<Sent> send(List<Map<String, String>> batch) {
    List<Future<Sent>> futures = new ArrayList<>(batch.size());
    for (Map<String, String> headers : batch) {
      long n = NEXT.getAndIncrement();
      Sent s = new Sent("/cpu/" + n, headers);
      futures.add(pool.submit(() -> {
        s.agentAnswer = answer(agentPort, s);
        s.plainAnswer = n % 10 == 0 || !s.agentAnswer.equals(usual) ? answer(plainPort, s) : usual;
        return s;
      }));
    }
    List<Sent> out = new ArrayList<>(batch.size());
    for (Future<Sent> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    return out;
  }

  /** "status body", or the failure: a request the server could not answer is an answer too. */
  private String answer(int port, Sent s) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + s.path + "?n=2"))
        .timeout(Duration.ofSeconds(60));
    s.headers.forEach(b::header);
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " " + r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      return "failed: " + e.getClass().getSimpleName();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
