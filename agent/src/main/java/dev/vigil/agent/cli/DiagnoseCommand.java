package dev.vigil.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import dev.vigil.agent.config.VigilConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@code diagnose <pid|host:port> [--token T] [--timeout 10s]}: the ranked likely causes of slow or failing routes and
 * the golden-signal table, from {@code /vigil/api/overview} and {@code /vigil/api/diagnosis}. A host:port is asked over
 * HTTP; a pid over {@link Channel} (no port needed, Vigil must already run there).
 */
final class DiagnoseCommand {
  private static final String ROW = "%-6s %-24s %8s %7s %8s %8s %8s %8s %6s %9s%n";

  private DiagnoseCommand() {}

  static int run(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("diagnose needs a target: a process id or host:port of Vigil's endpoint");
    }
    String target = args[0];
    String token = null;
    long timeoutMillis = 10_000;
    for (int i = 1; i < args.length; i++) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--token": token = args[++i]; break;
        case "--timeout": timeoutMillis = VigilConfig.parseDurationMillis(args[++i]); break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    byte[][] docs = target.matches("\\d+") ? overPid(target, timeoutMillis) : overHttp(target, token, timeoutMillis);
    print(target, JsonTree.parse(docs[0]), JsonTree.parse(docs[1]), System.out);
    return 0;
  }

  private static byte[][] overHttp(String target, String token, long timeoutMillis) throws Exception {
    String base = target.startsWith("http://") || target.startsWith("https://") ? target : "http://" + target;
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMillis)).build();
    return new byte[][] {get(client, base + "/vigil/api/overview", token, timeoutMillis),
        get(client, base + "/vigil/api/diagnosis", token, timeoutMillis)};
  }

  private static byte[] get(HttpClient client, String url, String token, long timeoutMillis) throws Exception {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(timeoutMillis)).GET();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a host:port: " + url);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> r;
    try {
      r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IOException("cannot reach " + url + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    if (r.statusCode() == 401) {
      throw new IOException(url + " needs a token: pass --token (the target's vigil.http.token)");
    }
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered HTTP " + r.statusCode() + " (is Vigil of this version serving there?)");
    }
    return r.body();
  }

  private static byte[][] overPid(String pid, long timeoutMillis) throws Exception {
    Properties request = new Properties();
    request.setProperty("command", "diagnose");
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(pid);
    } catch (Exception e) {
      throw new IOException("cannot attach to JVM " + pid + ": " + e.getMessage());
    }
    try {
      Properties reply = Channel.call(vm, request, Math.max(timeoutMillis, 30_000));
      if (!"ok".equals(reply.getProperty("status"))) {
        throw new IllegalStateException("JVM " + pid + ": " + reply.getProperty("message"));
      }
      return new byte[][] {reply.getProperty("overview").getBytes(StandardCharsets.UTF_8),
          reply.getProperty("diagnosis").getBytes(StandardCharsets.UTF_8)};
    } finally {
      vm.detach();
    }
  }

  static void print(String target, Object overview, Object diagnosis, PrintStream out) {
    out.printf("Diagnosis of %s, most likely causes first:%n", target);
    List<String[]> findings = new ArrayList<>();
    for (Map<String, Object> r : JsonTree.objects(diagnosis, "routes")) {
      for (Map<String, Object> c : JsonTree.objects(r, "causes")) {
        findings.add(new String[] {String.valueOf(c.get("score")), r.get("method") + " " + r.get("route"),
            String.valueOf(c.get("kind")), String.valueOf(c.get("title")), lines(c.get("evidence"), "      "),
            lines(c.get("trace_ids"), "      trace ")});
      }
    }
    findings.sort((a, b) -> Double.compare(Double.parseDouble(b[0]), Double.parseDouble(a[0])));
    if (findings.isEmpty()) {
      out.println("  no finding: every route looks healthy");
    }
    int n = 0;
    for (String[] f : findings) {
      out.printf(Locale.ROOT, "%2d. %-30s %-16s %.2f  %s%n%s%s", ++n, f[1], f[2], Double.parseDouble(f[0]), f[3], f[4],
          f[5]);
    }
    out.println();
    out.printf(ROW, "METHOD", "ROUTE", "RATE/s", "ERROR%", "P50 ms", "P90 ms", "P99 ms", "P99.9 ms", "APDEX",
        "IN FLIGHT");
    for (Map<String, Object> r : JsonTree.objects(overview, "routes")) {
      out.printf(ROW, r.get("method"), r.get("route"), num(r.get("rate_per_s"), 1), num(r.get("error_pct"), 1),
          num(r.get("p50_ms"), 1), num(r.get("p90_ms"), 1), num(r.get("p99_ms"), 1), num(r.get("p999_ms"), 1),
          num(r.get("apdex"), 2), num(r.get("in_flight"), 0));
    }
  }

  @SuppressWarnings("unchecked")
  private static String lines(Object list, String prefix) {
    StringBuilder b = new StringBuilder();
    if (list instanceof List) {
      for (Object o : (List<Object>) list) {
        b.append(prefix).append(o).append(System.lineSeparator());
      }
    }
    return b.toString();
  }

  private static String num(Object v, int decimals) {
    return v instanceof Double ? String.format(Locale.ROOT, "%." + decimals + "f", (Double) v) : "-";
  }
}
