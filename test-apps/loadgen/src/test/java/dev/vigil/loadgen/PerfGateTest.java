package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfGateTest {
  private static final String BENCH = "{\"configs\":["
      + "{\"name\":\"none\",\"endpoints\":{\"products\":{\"path\":\"/products/{id}\",\"throughputRatio\":1,"
      + "\"latencyMs\":{\"p50\":1,\"p95\":2,\"p99\":3},\"errorPercent\":0}}},"
      + "{\"name\":\"vigil-metrics\",\"endpoints\":{"
      + "\"products\":{\"path\":\"/products/{id}\",\"throughputRatio\":0.95,"
      + "\"latencyMs\":{\"p50\":1.2,\"p95\":2.5,\"p99\":9.0},\"errorPercent\":0.0},"
      + "\"cpu\":{\"path\":\"/cpu\",\"throughputRatio\":0.99,\"latencyMs\":{\"p50\":5,\"p95\":null,\"p99\":8},"
      + "\"errorPercent\":0.5}}}]}";

  @TempDir Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void parsesColumnsDashesAndComments() {
    List<PerfGate.Budget> b = PerfGate.parseBudgets(List.of("# endpoint p50 p95 p99 err ratio", "",
        "/products/{id}  5 20 50 0.1 0.97   # the JDBC one", "cpu - - - - 0.9"));
    assertThat(b).hasSize(2);
    assertThat(b.get(0).endpoint).isEqualTo("/products/{id}");
    assertThat(b.get(0).limits).containsExactly(5, 20, 50, 0.1, 0.97);
    assertThat(b.get(1).limits[0]).isNaN();
    assertThatThrownBy(() -> PerfGate.parseBudgets(List.of("cpu 1 2")))
        .hasMessageContaining("line 1");
  }

  @Test
  void benchResultPassesAndFailsPerLine() throws Exception {
    Map<String, double[]> m = PerfGate.measured(new ObjectMapper().readTree(BENCH), "vigil-metrics");
    boolean pass = PerfGate.check(PerfGate.parseBudgets(List.of(
        "/products/{id} 2 5 10 0.1 0.90",
        "products - - 5 - -",
        "cpu - - - - 0.97",
        "/cpu - - - 0.1 -")), m, out);
    assertThat(pass).isFalse();
    assertThat(printed()).contains(
        "PASS /products/{id}: p50_ms 1.200 <= 2.000, p95_ms 2.500 <= 5.000, p99_ms 9.000 <= 10.000",
        "FAIL products: p99_ms 9.000 <= 5.000 (over budget)",
        "PASS cpu: min_throughput_ratio 0.990 >= 0.970",
        "FAIL /cpu: error_pct 0.500 <= 0.100 (over budget)");
  }

  @Test
  void aFigureTheResultLacksFailsRatherThanPasses() throws Exception {
    Map<String, double[]> m = PerfGate.measured(new ObjectMapper().readTree(BENCH), "vigil-metrics");
    assertThat(PerfGate.check(PerfGate.parseBudgets(List.of("cpu - 100 - - -", "/missing 1 - - - -")), m, out))
        .isFalse();
    assertThat(printed()).contains("FAIL cpu: p95_ms missing <= 100.000", "FAIL /missing: not in the result");
  }

  @Test
  void readsALoadgenResultWrittenByTheReport() throws Exception {
    LatencyStats stats = new LatencyStats(0, 500_000_000L);
    for (int i = 1; i <= 100; i++) {
      stats.complete(0, i * 1_000_000L, true);
    }
    RunReport report = new RunReport("open", 100, 8, 1, 1, stats.summary("all", 1), List.of(stats.summary("cpu", 1)),
        -1);
    Path result = dir.resolve("r.json");
    try (var o = Files.newOutputStream(result)) {
      report.writeJson(o);
    }
    Path budgets = dir.resolve("budgets.txt");
    Files.writeString(budgets, "cpu 60 96 - 0 -\n");
    String[] args = {"gate", "--budgets", budgets.toString(), "--result", result.toString()};
    assertThat(PerfGate.run(new Args(args, 1), out)).isEqualTo(0);
    Files.writeString(budgets, "cpu 40 - - - -\n");
    assertThat(PerfGate.run(new Args(args, 1), out)).isEqualTo(1);
    Files.writeString(budgets, "cpu - - - - 0.9\n"); // a loadgen result has no baseline to compare with
    assertThat(PerfGate.run(new Args(args, 1), out)).isEqualTo(1);
  }
}
