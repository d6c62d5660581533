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
 * (none, agent, agent, none, ...), and times JVM launch to the shop's READY line and to its first served request
 * ({@code GET /products}, a database query). One unmeasured warm-up run of each variant fills the OS caches first.
 * Prints each run and the medians. Used by scripts/startup-bench.sh.
 */
public final class StartupBench {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /**
   * The agent's own account of its set-up (premain plus the background install): "[vigil] INFO started in 1088 ms
   * (premain 15 ms), ...". Absent when the first request was answered before the set-up finished.
   */
  private static final Pattern AGENT_STARTED = Pattern.compile("started in (\\d+) ms");

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    String java = a.get("--java", System.getProperty("java.home") + "/bin/java");
    String shopJar = a.get("--shop-jar", "test-apps/shop/target/vigil-shop.jar");
    String agentJar = a.get("--agent-jar", "agent/target/vigil-agent.jar");
    int runs = Integer.parseInt(a.get("--runs", "10"));
    List<String> jvmFlags = Arrays.asList(a.get("--jvm-flags", "-Xms1g -Xmx1g -XX:+UseG1GC").trim().split("\\s+"));

    launch(java, jvmFlags, shopJar, null);
    launch(java, jvmFlags, shopJar, agentJar);
    long[][] none = new long[4][runs];
    long[][] agent = new long[4][runs];
    System.out.printf("%-4s %-8s %10s %16s %14s %18s%n", "run", "variant", "ready ms", "first 200 ms", "app CPU ms",
        "agent set-up ms");
    for (int i = 0; i < runs; i++) {
      boolean agentFirst = i % 2 == 1;
      for (int k = 0; k < 2; k++) {
        boolean withAgent = (k == 0) == agentFirst;
        long[] t = launch(java, jvmFlags, shopJar, withAgent ? agentJar : null);
        long[][] into = withAgent ? agent : none;
        into[0][i] = t[0];
        into[1][i] = t[1];
        into[2][i] = t[2];
        into[3][i] = t[3];
        System.out.printf("%-4d %-8s %10.1f %16.1f %14.0f %18s%n", i + 1, withAgent ? "vigil" : "none", t[0] / 1e6,
            t[1] / 1e6, t[3] / 1e6, t[2] < 0 ? "-" : String.valueOf(t[2] / 1_000_000));
      }
    }
    double readyNone = median(none[0]);
    double readyAgent = median(agent[0]);
    double firstNone = median(none[1]);
    double firstAgent = median(agent[1]);
    System.out.printf("%nmedians over %d runs each (ms)  launch->READY  launch->first 200%n", runs);
    System.out.printf("  no agent                     %10.1f %18.1f%n", readyNone, firstNone);
    System.out.printf("  vigil agent                  %10.1f %18.1f%n", readyAgent, firstAgent);
    System.out.printf("  added by the agent           %+10.1f %+18.1f  (%+.1f%%)%n", readyAgent - readyNone,
        firstAgent - firstNone, 100 * (firstAgent - firstNone) / firstNone);
    // CPU time is less sensitive than wall time to other work on a busy machine.
    System.out.printf("  app CPU to first 200 (ms)    no agent %.0f, vigil %.0f, added %+.0f%n", median(none[3]),
        median(agent[3]), median(agent[3]) - median(none[3]));
    System.out.printf("  agent set-up (its own log)   %10.1f%n", median(agent[2]));
  }

  /**
   * One shop launch; returns nanoseconds from launch to READY, to the first 200 response, and the premain time the
   * agent logged (-1 without it), and the CPU time (user + system) the shop JVM used until that response.
   */
  private static long[] launch(String java, List<String> jvmFlags, String shopJar, String agentJar) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmFlags);
    if (agentJar != null) {
      cmd.add("-javaagent:" + agentJar);
      cmd.add("-Dvigil.prometheus.port=0");
    }
    cmd.add("-Dshop.port=0");
    cmd.add("-jar");
    cmd.add(shopJar);
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
        shopPort = port.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("shop did not print READY: " + cmd + "\n" + output, e);
      }
      long ready = System.nanoTime() - start;
      URI products = URI.create("http://127.0.0.1:" + shopPort + "/products");
      HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(products)
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
      long first = System.nanoTime() - start;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("first request answered " + r.statusCode() + "\n" + output);
      }
      long premain = -1;
      synchronized (output) {
        Matcher m = AGENT_STARTED.matcher(output);
        if (m.find()) {
          premain = Long.parseLong(m.group(1)) * 1_000_000;
        }
      }
      long cpu = p.toHandle().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
      return new long[] {ready, first, premain, cpu};
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
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
