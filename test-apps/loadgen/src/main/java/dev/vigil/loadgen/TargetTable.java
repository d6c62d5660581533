package dev.vigil.loadgen;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * The cost targets (BENCHMARKING.md, issue 14's table), one row each, with every agent's figure from the same run and
 * a verdict. Ratios and differences are taken against the no-agent run of the same round, then the median over rounds.
 * A row's verdict is on the Vigil configurations its target names; a figure the run did not produce is "not measured",
 * never a pass.
 */
final class TargetTable {
  static final String[] AGENTS = {"vigil-metrics", "vigil-traces", "vigil-10", "otel", "vigil-measured"};
  private static final String NONE = BenchReport.BASELINE;
  private static final String[] VIGIL = {"vigil-metrics", "vigil-traces", "vigil-10"};
  private final Map<String, BenchReport.ConfigResult> configs = new LinkedHashMap<>();
  final List<Row> rows = new ArrayList<>();

  static final class Row {
    final String what;
    final String target;
    final Map<String, Double> values = new LinkedHashMap<>();
    final Map<String, String> cells = new LinkedHashMap<>();
    String verdict;

    Row(String what, String target) {
      this.what = what;
      this.target = target;
    }
  }

  TargetTable(List<BenchReport.ConfigResult> results) {
    results.forEach(c -> configs.put(c.name, c));
    String first = results.isEmpty() || results.get(0).endpoints.isEmpty() ? null
        : results.get(0).endpoints.keySet().iterator().next();
    throughput("Max throughput, metrics only", "≥ 0.97", first, 0.97, "vigil-metrics");
    throughput("Max throughput, metrics + 100 % traces over OTLP", "≥ 0.90", first, 0.90, "vigil-traces", "otel");
    throughput("Max throughput, 10 % traces (parentbased_traceidratio)", "≥ 0.95", first, 0.95, "vigil-10");
    addedVersusOtel("App CPU added per traced request", "µs", c -> cpuRounds(c.name, first));
    addedVersusOtel("Allocation added per traced request", "B", c -> c.rounds("allocBytesPerRequest"));
    firstCounted();
    startup();
    Row early = new Row("Throughput in the first 10 s after launch", "≥ 0.8 × no agent");
    fill(early, c -> ratio(c, "firstWindowThroughput"), v -> f2(v) + " ×", VIGIL, v -> v >= 0.8);
    footprint();
    Row spring = new Row("RSS after start-up, default heap (Spring Boot app)", "≤ 1.1 × no agent");
    fill(spring, c -> ratio(c, "springRssMb"), v -> f2(v) + " ×", VIGIL, v -> v <= 1.1);
    Row measured = new Row("The agent measuring itself (vigil.overhead.measure): CPU per request over Vigil + traces",
        "≤ 1.01 ×");
    fill(measured, c -> ratioOf(cpuRounds(c, first), cpuRounds("vigil-traces", first)), v -> f2(v) + " ×",
        new String[] {"vigil-measured"}, v -> v <= 1.01);
  }

  /** CPU µs per request of each round on one endpoint; empty when the configuration did not run. */
  private List<Double> cpuRounds(String config, String endpoint) {
    BenchReport.ConfigResult c = configs.get(config);
    BenchReport.EndpointResult e = c == null || endpoint == null ? null : c.endpoints.get(endpoint);
    return e == null ? List.of() : e.cpuRounds;
  }

  /** One variant's row (and the OpenTelemetry agent's figure where the table asks for it); other cells stay empty. */
  private void throughput(String what, String target, String endpoint, double min, String judged, String... shown) {
    Row row = new Row(what, target);
    fill(row, c -> endpoint == null || !configs.get(c).endpoints.containsKey(endpoint) ? Double.NaN
        : configs.get(c).endpoints.get(endpoint).throughputRatio,
        v -> f2(v) + " ×", new String[] {judged}, v -> v >= min);
    List<String> keep = new ArrayList<>(List.of(shown));
    keep.add(judged);
    row.cells.keySet().retainAll(keep);
  }

  /** Added over no agent, and that as a share of what the OpenTelemetry agent adds (target: a quarter at most). */
  private void addedVersusOtel(String what, String unit, Function<BenchReport.ConfigResult, List<Double>> figure) {
    Row row = new Row(what, "≤ ¼ of the OpenTelemetry agent's");
    for (String c : present()) {
      List<Double> added = new ArrayList<>();
      List<Double> share = new ArrayList<>();
      for (int r = 0; r < rounds(); r++) {
        double base = at(figure.apply(configs.get(NONE)), r);
        double mine = at(figure.apply(configs.get(c)), r) - base;
        added.add(mine);
        share.add(configs.containsKey("otel") ? mine / (at(figure.apply(configs.get("otel")), r) - base) : Double.NaN);
      }
      double a = BenchReport.median(added);
      double s = BenchReport.median(share);
      row.values.put(c, c.equals("otel") ? a : s);
      row.cells.put(c, signed(a) + " " + unit + (c.equals("otel") ? "" : " (" + f2(s) + " of OTel's)"));
    }
    judge(row, new String[] {"vigil-traces"}, v -> v <= 0.25);
  }

  private void firstCounted() {
    Row row = new Row("First counted request (on /metrics)", "every request after premain counted");
    for (String c : present()) {
      double uncounted = max(configs.get(c).rounds("uncounted"));
      double first = BenchReport.median(configs.get(c).rounds("firstCountedMs"));
      row.values.put(c, uncounted);
      row.cells.put(c, Double.isNaN(uncounted) ? "-"
          : f0(uncounted) + " uncounted, first counted at " + f0(first) + " ms");
    }
    judge(row, VIGIL, v -> v == 0);
  }

  private void startup() {
    Row row = new Row("Start-up to first 200, pinned; CPU added before it", "≤ +500 ms; ≤ +700 ms CPU");
    for (String c : present()) {
      double ms = delta(c, "startupMs");
      double cpu = delta(c, "startupCpuMs");
      row.values.put(c, Math.max(ms / 500, cpu / 700)); // ≤ 1 when both are met
      row.cells.put(c, signed(ms) + " ms; " + signed(cpu) + " ms CPU");
    }
    judge(row, VIGIL, v -> v <= 1);
  }

  private void footprint() {
    Row row = new Row("Threads added (traces on) / RSS added at 1 GB heap", "≤ 3 / ≤ 40 MB");
    for (String c : present()) {
      double threads = delta(c, "threads");
      double rss = delta(c, "rssMb");
      double nativeMb = delta(c, "nativeCommittedMb");
      row.values.put(c, Math.max(threads / 3, rss / 40));
      row.cells.put(c, signed(threads) + " / " + signed(rss) + " MB (native " + signed(nativeMb) + " MB by NMT)");
    }
    judge(row, new String[] {"vigil-traces", "vigil-10"}, v -> v <= 1);
  }

  private void fill(Row row, Function<String, Double> value, Function<Double, String> format, String[] judged,
      DoublePredicate met) {
    for (String c : present()) {
      double v = value.apply(c);
      row.values.put(c, v);
      row.cells.put(c, format.apply(v));
    }
    judge(row, judged, met);
  }

  private void judge(Row row, String[] judged, DoublePredicate met) {
    boolean measured = true;
    boolean all = true;
    for (String c : judged) {
      Double v = row.values.get(c);
      if (v == null || Double.isNaN(v)) {
        measured = false;
      } else {
        all &= met.test(v);
      }
    }
    row.verdict = !measured ? "not measured" : all ? "met" : "missed";
    rows.add(row);
  }

  private List<String> present() {
    List<String> out = new ArrayList<>();
    for (String c : AGENTS) {
      if (configs.containsKey(c) && configs.get(c).skipped == null && configs.containsKey(NONE)) {
        out.add(c);
      }
    }
    return out;
  }

  private int rounds() {
    return configs.containsKey(NONE) ? configs.get(NONE).rounds("startupMs").size() : 0;
  }

  private double ratio(String c, String figure) {
    return ratioOf(configs.get(c).rounds(figure), configs.get(NONE).rounds(figure));
  }

  /** The median over rounds of one figure of a configuration over the same round's figure of another. */
  private double ratioOf(List<Double> figure, List<Double> base) {
    List<Double> out = new ArrayList<>();
    for (int r = 0; r < rounds(); r++) {
      out.add(at(figure, r) / at(base, r));
    }
    return BenchReport.median(out);
  }

  private double delta(String c, String figure) {
    List<Double> out = new ArrayList<>();
    for (int r = 0; r < rounds(); r++) {
      out.add(at(configs.get(c).rounds(figure), r) - at(configs.get(NONE).rounds(figure), r));
    }
    return BenchReport.median(out);
  }

  private static double at(List<Double> values, int i) {
    return i < values.size() && values.get(i) != null ? values.get(i) : Double.NaN;
  }

  private static double max(List<Double> values) {
    return values.stream().filter(v -> v != null && !Double.isNaN(v)).mapToDouble(Double::doubleValue).max()
        .orElse(Double.NaN);
  }

  String markdown(Properties env) {
    StringBuilder md = new StringBuilder("### Targets (issue 14), same run\n\n");
    if ("quick".equals(env.getProperty("mode"))) {
      md.append("**Quick run** (`--quick`: one short round, JIT still warming): indicative only, not a result.\n\n");
    }
    md.append("| What | Target |");
    for (String c : AGENTS) {
      md.append(' ').append(env.getProperty("config." + c + ".label", c)).append(" |");
    }
    md.append(" Verdict |\n|---|---|");
    md.append("---|".repeat(AGENTS.length)).append("---|\n");
    for (Row row : rows) {
      md.append("| ").append(row.what).append(" | ").append(row.target).append(" |");
      for (String c : AGENTS) {
        md.append(' ').append(row.cells.getOrDefault(c, "-")).append(" |");
      }
      md.append(' ').append(row.verdict).append(" |\n");
    }
    return md.toString();
  }

  void writeJson(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("costTargets"); // not "targets": PerfGate reads that as a loadgen result
    for (Row row : rows) {
      g.writeStartObject();
      g.writeStringField("what", row.what);
      g.writeStringField("target", row.target);
      g.writeStringField("verdict", row.verdict);
      g.writeObjectFieldStart("figures");
      for (Map.Entry<String, String> cell : row.cells.entrySet()) {
        g.writeStringField(cell.getKey(), cell.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static String f0(double v) {
    return fmt("%.0f", v);
  }

  private static String f2(double v) {
    return fmt("%.2f", v);
  }

  private static String signed(double v) {
    return Double.isNaN(v) ? "-" : (v >= 0 ? "+" : "") + f0(v);
  }

  private static String fmt(String format, double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
  }
}
