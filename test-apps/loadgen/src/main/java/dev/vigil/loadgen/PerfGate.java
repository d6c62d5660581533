package dev.vigil.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a bench or loadgen result against budgets. A budgets file has one line per endpoint:
 * {@code endpoint p50_ms p95_ms p99_ms error_pct min_throughput_ratio}, whitespace-separated, {@code -} for "no budget",
 * {@code #} starts a comment. The endpoint is a target name or route ({@code products} or {@code /products/{id}}).
 * A budget whose figure is missing from the result fails: a gate must never pass on what it did not see.
 */
final class PerfGate {
  static final String[] COLUMNS = {"p50_ms", "p95_ms", "p99_ms", "error_pct", "min_throughput_ratio"};

  private PerfGate() {}

  static int run(Args a, PrintStream out) throws IOException {
    List<Budget> budgets = parseBudgets(Files.readAllLines(Paths.get(a.require("budgets"))));
    JsonNode result = new ObjectMapper().readTree(Paths.get(a.require("result")).toFile());
    Map<String, double[]> measured = measured(result, a.get("config", "vigil-metrics"));
    return check(budgets, measured, out) ? 0 : 1;
  }

  /** One budget line; NaN where there is no budget. */
  static final class Budget {
    final String endpoint;
    final double[] limits;

    Budget(String endpoint, double[] limits) {
      this.endpoint = endpoint;
      this.limits = limits;
    }
  }

  static List<Budget> parseBudgets(List<String> lines) {
    List<Budget> out = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      int hash = line.indexOf('#');
      String[] f = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
      if (f.length == 1 && f[0].isEmpty()) {
        continue;
      }
      if (f.length != 1 + COLUMNS.length) {
        throw new IllegalArgumentException("budgets line " + (n + 1) + ": expected endpoint and " + COLUMNS.length
            + " columns (" + String.join(" ", COLUMNS) + "), got: " + line);
      }
      double[] limits = new double[COLUMNS.length];
      for (int i = 0; i < limits.length; i++) {
        limits[i] = f[i + 1].equals("-") ? Double.NaN : Double.parseDouble(f[i + 1]);
      }
      out.add(new Budget(f[0], limits));
    }
    return out;
  }

  /**
   * Figures per endpoint (by name and by route), in {@link #COLUMNS} order, NaN when absent. A bench result has
   * {@code configs[]} with per-endpoint medians; a loadgen result has {@code targets[]} (and no throughput ratio).
   */
  static Map<String, double[]> measured(JsonNode result, String config) {
    Map<String, double[]> out = new HashMap<>();
    if (result.has("targets")) {
      for (JsonNode t : result.get("targets")) {
        JsonNode lat = t.path("latencyMs");
        out.put(t.path("name").asText(), new double[] {num(lat, "p50"), num(lat, "p95"), num(lat, "p99"),
            num(t, "errorPercent"), Double.NaN});
      }
      return out;
    }
    for (JsonNode c : result.path("configs")) {
      if (!config.equals(c.path("name").asText())) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = c.path("endpoints").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode ep = e.getValue();
        JsonNode lat = ep.path("latencyMs");
        double[] v = {num(lat, "p50"), num(lat, "p95"), num(lat, "p99"), num(ep, "errorPercent"),
            num(ep, "throughputRatio")};
        out.put(e.getKey(), v);
        if (ep.hasNonNull("path")) {
          out.put(ep.get("path").asText(), v);
        }
      }
      return out;
    }
    throw new IllegalArgumentException("configuration " + config + " is not in the result");
  }

  private static double num(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
  }

  /** Prints PASS or FAIL per budget line; true when every line passes. */
  static boolean check(List<Budget> budgets, Map<String, double[]> measured, PrintStream out) {
    boolean allPass = true;
    for (Budget b : budgets) {
      double[] m = measured.get(b.endpoint);
      if (m == null) {
        out.println("FAIL " + b.endpoint + ": not in the result");
        allPass = false;
        continue;
      }
      boolean pass = true;
      StringBuilder detail = new StringBuilder();
      for (int i = 0; i < COLUMNS.length; i++) {
        double limit = b.limits[i];
        if (Double.isNaN(limit)) {
          continue;
        }
        boolean atLeast = i == COLUMNS.length - 1; // the throughput ratio is a floor, the rest are ceilings
        boolean ok = !Double.isNaN(m[i]) && (atLeast ? m[i] >= limit : m[i] <= limit);
        pass &= ok;
        detail.append(detail.length() == 0 ? "" : ", ").append(COLUMNS[i]).append(' ')
            .append(Double.isNaN(m[i]) ? "missing" : fmt(m[i])).append(atLeast ? " >= " : " <= ").append(fmt(limit))
            .append(ok ? "" : atLeast ? " (under budget)" : " (over budget)");
      }
      out.println((pass ? "PASS " : "FAIL ") + b.endpoint + ": " + detail);
      allPass &= pass;
    }
    return allPass;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
