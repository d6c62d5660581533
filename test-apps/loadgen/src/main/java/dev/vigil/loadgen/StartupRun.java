package dev.vigil.loadgen;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code startup} command: what an application launched at {@code --since-epoch-ms} serves in its first seconds.
 * Polls the target every 5 ms until a 2xx (time to the first 200, and the app's CPU by then from /proc), then runs a
 * closed loop until {@code --window} (10 s) after launch (throughput in the first 10 s). With {@code --agent-log}, it
 * then finds the agent's metrics URL in the application's log, counts the requests {@code /metrics} has for
 * {@code --route}, and names the first counted one: the answered requests in completion order, less those not counted.
 */
final class StartupRun {
  private static final Pattern METRICS_URL = Pattern.compile("metrics at (http://\\S+/metrics)");
  private final List<Long> answeredMillis = new ArrayList<>(); // since launch, every answered request, in order
  private final long windowMillis;
  private long ok;

  private StartupRun(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  static int run(Args a) throws Exception {
    Target target = Target.parse(a.require("target"), "GET");
    long launch = (long) a.number("since-epoch-ms", System.currentTimeMillis());
    long windowMillis = (long) (a.seconds("window", 10) * 1000);
    StartupRun run = new StartupRun(windowMillis);
    long firstOk = run.awaitFirstOk(target, launch, (long) (a.seconds("timeout", 120) * 1000));
    if (firstOk < 0) {
      System.err.println("no 2xx from " + target + " in time");
      return 1;
    }
    double cpuMillis = Double.NaN;
    if (a.get("pid", null) != null) {
      cpuMillis = new ProcCpu(Long.parseLong(a.get("pid", null)), (long) a.number("clk-tck", 100)).micros() / 1000.0;
    }
    run.closedLoop(target, launch, windowMillis, (int) a.number("connections", 16), (int) a.number("id-range", 20));
    long okInWindow = run.ok;
    double counted = Double.NaN;
    if (a.get("agent-log", null) != null) {
      counted = counted(Paths.get(a.get("agent-log", null)), a.require("route"));
    }
    try (OutputStream out = Files.newOutputStream(Paths.get(a.require("out")));
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("firstOkMs", firstOk);
      RunReport.number(g, "cpuMsAtFirstOk", cpuMillis);
      g.writeNumberField("windowMs", windowMillis);
      g.writeNumberField("okInWindow", okInWindow);
      g.writeNumberField("throughputInWindow", okInWindow * 1000.0 / windowMillis);
      g.writeNumberField("answered", run.answeredMillis.size());
      if (!Double.isNaN(counted)) {
        long uncounted = Math.max(0, run.answeredMillis.size() - (long) counted);
        g.writeNumberField("counted", (long) counted);
        g.writeNumberField("uncounted", uncounted);
        if (uncounted < run.answeredMillis.size()) {
          g.writeNumberField("firstCountedMs", run.answeredMillis.get((int) uncounted));
        }
      }
      g.writeEndObject();
    }
    return 0;
  }

  /** Milliseconds from launch to the first 2xx, or -1 after the timeout. */
  private long awaitFirstOk(Target t, long launch, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      try (HttpConnection c = new HttpConnection(t.host, t.port)) {
        int status = c.request("GET", t.pathFor(0, 1), null);
        long now = System.currentTimeMillis() - launch;
        answeredMillis.add(now);
        if (status >= 200 && status < 300) {
          ok += now <= windowMillis ? 1 : 0;
          return now;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    return -1;
  }

  private void closedLoop(Target t, long launch, long windowMillis, int connections, int idRange)
      throws InterruptedException {
    long end = launch + windowMillis;
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      int offset = i;
      Thread th = new Thread(() -> {
        try (HttpConnection c = new HttpConnection(t.host, t.port)) {
          for (long n = offset; System.currentTimeMillis() < end; n += connections) {
            int status = c.request("GET", t.pathFor(n, idRange), null);
            answered(System.currentTimeMillis() - launch, status);
          }
        } catch (IOException e) {
          // the connection failed: this thread stops, the others go on
        }
      }, "startup-" + i);
      th.setDaemon(true);
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
  }

  private synchronized void answered(long millis, int status) {
    answeredMillis.add(millis);
    if (status >= 200 && status < 300 && millis <= windowMillis) { // sent in the window, answered after: not in it
      ok++;
    }
  }

  /** Requests /metrics counts for the route, once the agent has logged its URL and the count has settled. */
  private static double counted(Path log, String route) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    String url = null;
    while (url == null && System.currentTimeMillis() < deadline) {
      Matcher m = METRICS_URL.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        url = m.group(1);
      } else {
        Thread.sleep(100);
      }
    }
    if (url == null) {
      return Double.NaN;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    double last = -1;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .build(), HttpResponse.BodyHandlers.ofString());
      double count = routeCount(r.body(), route);
      if (count == last) {
        return count;
      }
      last = count;
      Thread.sleep(300);
    }
    return last;
  }

  /** The sum of {@code http_server_request_duration_seconds_count} over the series of one route. */
  static double routeCount(String metrics, String route) {
    String label = "http_route=\"" + route + "\"";
    return Arrays.stream(metrics.split("\n"))
        .filter(l -> l.startsWith("http_server_request_duration_seconds_count{") && l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
