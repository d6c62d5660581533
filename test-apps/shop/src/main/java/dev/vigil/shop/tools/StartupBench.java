package dev.vigil.shop.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up cost of the agent: launches the shop jar repeatedly, with and without {@code -javaagent}, interleaved
 * (none, agent, agent, none, ...), and times JVM launch to the shop's READY line, to its first served request
 * ({@code GET /products}, a database query) and, with the agent, to the first request that {@code /metrics} counts
 * (requests are sent one after the other from READY on; with the instrumentation live before main, the first one).
 * Also the shop JVM's CPU time to its first 200. One unmeasured warm-up run of each variant fills the OS caches first.
 * Prints each run and the medians. Used by scripts/startup-bench.sh.
 */
public final class StartupBench {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern METRICS_URL = Pattern.compile("metrics at (http://\\S+/metrics)");
  private static final Pattern PRODUCTS_COUNT = Pattern.compile(
      "^http_server_request_duration_seconds_count\\{[^}]*http_route=\"/products\"[^}]*} (\\S+)", Pattern.MULTILINE);

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    List<String> launcher = new ArrayList<>();
    if (!a.get("--cpu", "").isEmpty()) {
      launcher.addAll(List.of("taskset", "-c", a.get("--cpu", "")));
    }
    launcher.add(a.get("--java", System.getProperty("java.home") + "/bin/java"));
    launcher.addAll(Arrays.asList(a.get("--jvm-flags", "-Xms1g -Xmx1g -XX:+UseG1GC").trim().split("\\s+")));
    String shopJar = a.get("--shop-jar", "test-apps/shop/target/vigil-shop.jar");
    String agentJar = a.get("--agent-jar", "agent/target/vigil-agent.jar");
    int runs = Integer.parseInt(a.get("--runs", "10"));

    launch(launcher, shopJar, null);
    launch(launcher, shopJar, agentJar);
    long[][] none = new long[4][runs];
    long[][] agent = new long[4][runs];
    System.out.printf("%-4s %-8s %10s %14s %18s %12s%n", "run", "variant", "ready ms", "first 200 ms",
        "first counted ms", "CPU ms");
    for (int i = 0; i < runs; i++) {
      boolean agentFirst = i % 2 == 1;
      for (int k = 0; k < 2; k++) {
        boolean withAgent = (k == 0) == agentFirst;
        long[] t = launch(launcher, shopJar, withAgent ? agentJar : null);
        for (int f = 0; f < 4; f++) {
          (withAgent ? agent : none)[f][i] = t[f];
        }
        System.out.printf("%-4d %-8s %10.1f %14.1f %18s %12.0f%n", i + 1, withAgent ? "vigil" : "none", t[0] / 1e6,
            t[1] / 1e6, t[2] < 0 ? "-" : String.format("%.1f", t[2] / 1e6), t[3] / 1e6);
      }
    }
    System.out.printf("%nmedians over %d runs each (ms)  launch->READY  launch->first 200  launch->first counted"
        + "  CPU to first 200%n", runs);
    System.out.printf("  no agent                     %10.1f %18.1f %22s %18.0f%n", median(none[0]), median(none[1]),
        "-", median(none[3]));
    System.out.printf("  vigil agent                  %10.1f %18.1f %22.1f %18.0f%n", median(agent[0]),
        median(agent[1]), median(agent[2]), median(agent[3]));
    System.out.printf("  added by the agent           %+10.1f %+18.1f %22s %+18.0f%n",
        median(agent[0]) - median(none[0]), median(agent[1]) - median(none[1]), "",
        median(agent[3]) - median(none[3]));
  }

  /**
   * One shop launch; returns nanoseconds from launch to READY, to the first 200, to the first request /metrics
   * counted (-1 without the agent), and the CPU time (user + system) the shop JVM used until the first 200.
   */
  private static long[] launch(List<String> launcher, String shopJar, String agentJar) throws Exception {
    List<String> cmd = new ArrayList<>(launcher);
    if (agentJar != null) {
      cmd.add("-javaagent:" + agentJar);
      cmd.add("-Dvigil.prometheus.port=0");
    }
    cmd.addAll(List.of("-Dshop.port=0", "-jar", shopJar));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      CompletableFuture<Integer> port = new CompletableFuture<>();
      StringBuilder output = new StringBuilder();
      Thread reader = new Thread(() -> pump(p, port, output), "shop-output");
      reader.setDaemon(true);
      reader.start();
      int shopPort;
      try {
        shopPort = port.get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("shop did not print READY: " + cmd + "\n" + output, e);
      }
      long ready = System.nanoTime() - start;
      URI products = URI.create("http://127.0.0.1:" + shopPort + "/products");
      List<Long> answered = new ArrayList<>();
      long cpu = -1;
      long counted = -1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (counted < 0 && System.nanoTime() < deadline) {
        HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(products).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("/products answered " + r.statusCode() + "\n" + output);
        }
        answered.add(System.nanoTime() - start);
        if (cpu < 0) {
          cpu = p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }
        if (agentJar == null) {
          break;
        }
        long n = countedSoFar(output);
        if (n > 0) { // requests are sent one by one, so the counted ones are the last n
          counted = answered.get((int) Math.max(0, answered.size() - n));
        }
      }
      return new long[] {ready, answered.get(0), counted, cpu};
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  /** GET /products requests /metrics has counted, or 0 while the agent's endpoint is not up yet. */
  private static long countedSoFar(StringBuilder output) throws Exception {
    String url;
    synchronized (output) {
      Matcher m = METRICS_URL.matcher(output);
      if (!m.find()) {
        return 0;
      }
      url = m.group(1);
    }
    HttpResponse<String> scrape = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = PRODUCTS_COUNT.matcher(scrape.body());
    long sum = 0;
    while (m.find()) {
      sum += (long) Double.parseDouble(m.group(1));
    }
    return sum;
  }

  private static void pump(Process p, CompletableFuture<Integer> port, StringBuilder output) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (line.startsWith("READY ")) {
          port.complete(Integer.parseInt(line.substring(6).trim()));
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the process ended; a missing READY line is reported by the caller
    }
    port.completeExceptionally(new IllegalStateException("output ended before READY"));
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double mid = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    return mid / 1e6;
  }
}
