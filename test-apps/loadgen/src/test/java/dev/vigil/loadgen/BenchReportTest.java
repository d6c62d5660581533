package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  @TempDir Path dir;

  @Test
  void medianIgnoresMissingValues() {
    assertThat(BenchReport.median(Arrays.asList(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(BenchReport.median(Arrays.asList(4.0, Double.NaN, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    assertThat(BenchReport.median(List.of(Double.NaN))).isNaN();
  }

  @Test
  void replacesAGeneratedBlockAndKeepsTheRest() {
    String doc = "# T\n<!-- x:begin -->\nold\n<!-- x:end -->\n## After\n";
    assertThat(BenchMarkdown.replaceBlock(doc, "x", "new\n"))
        .isEqualTo("# T\n<!-- x:begin -->\nnew\n<!-- x:end -->\n## After\n");
    assertThat(BenchMarkdown.replaceBlock("# T\n", "y", "z")).isEqualTo("# T\n\n<!-- y:begin -->\nz\n<!-- y:end -->\n");
  }

  /** Ratios are per round against that round's no-agent run, then the median is taken. */
  @Test
  void ratiosArePerRoundThenMedian() throws Exception {
    Files.writeString(dir.resolve("env.properties"), "configs=none,vigil-metrics,vigil-traces\nendpoints=cpu\n"
        + "rounds=3\nendpoint.cpu.path=/cpu\nconfig.vigil-traces.skip=n/a, traces not yet implemented\n");
    double[] none = {1000, 2000, 1500};
    double[] vigil = {900, 1900, 1500};
    for (int r = 1; r <= 3; r++) {
      closed(r, "none", none[r - 1]);
      closed(r, "vigil-metrics", vigil[r - 1]);
      Files.writeString(dir.resolve("r" + r + "-vigil-metrics.properties"), "rssKb=102400\n");
      Files.writeString(dir.resolve("r" + r + "-vigil-metrics-startup.json"), "{\"firstOkMs\":" + (400 + r) + "}");
    }
    BenchReport report = new BenchReport(dir);
    List<BenchReport.ConfigResult> results = report.summarize();
    BenchReport.EndpointResult cpu = results.get(1).endpoints.get("cpu");
    assertThat(cpu.throughputRatioRounds).containsExactly(0.9, 0.95, 1.0);
    assertThat(cpu.throughputRatio).isEqualTo(0.95);
    assertThat(cpu.maxThroughput).isEqualTo(1500);
    assertThat(results.get(1).startupMs).isEqualTo(402);
    assertThat(results.get(1).rssMb).isEqualTo(100);
    assertThat(results.get(2).skipped).isEqualTo("n/a, traces not yet implemented");

    ByteArrayOutputStream json = new ByteArrayOutputStream();
    report.writeJson(results, new TargetTable(results), json);
    JsonNode root = new ObjectMapper().readTree(json.toByteArray());
    assertThat(root.at("/configs/1/endpoints/cpu/throughputRatio").asDouble()).isEqualTo(0.95);
    assertThat(root.at("/configs/2/status").asText()).isEqualTo("n/a, traces not yet implemented");
    assertThat(PerfGate.measured(root, "vigil-metrics").get("/cpu")[4]).isEqualTo(0.95);
  }

  /** Every row of the targets table from a two-round folder: verdicts on the configurations each target names. */
  @Test
  void targetsTableJudgesEachRowOnTheConfigurationsItNames() throws Exception {
    Files.writeString(dir.resolve("env.properties"), "configs=none,vigil-metrics,vigil-traces,vigil-10,otel\n"
        + "endpoints=products\nrounds=2\nmode=quick\n");
    String[] configs = {"none", "vigil-metrics", "vigil-traces", "vigil-10", "otel"};
    double[] tput = {1000, 980, 850, 960, 400};
    double[] cpu = {100, 102, 120, 105, 200};
    double[] alloc = {20_000, 20_100, 22_000, 20_500, 60_000};
    double[] startup = {1000, 1300, 1400, 1350, 4000};
    for (int r = 1; r <= 2; r++) {
      for (int i = 0; i < configs.length; i++) {
        String prefix = "r" + r + "-" + configs[i];
        Files.writeString(dir.resolve(prefix + "-products-closed.json"), "{\"total\":{\"throughput\":" + tput[i] + "}}");
        Files.writeString(dir.resolve(prefix + "-products-open.json"), "{\"cpu\":{\"microsPerRequest\":" + cpu[i] + "}}");
        Files.writeString(dir.resolve(prefix + ".properties"), "rssKb=" + (102400 + i * 10240) + "\nthreads="
            + (30 + i) + "\nallocBytes=" + alloc[i] * 1000 + "\nallocRequests=1000\n");
        Files.writeString(dir.resolve(prefix + "-startup.json"), "{\"firstOkMs\":" + startup[i] + ",\"cpuMsAtFirstOk\":"
            + startup[i] + ",\"throughputInWindow\":" + tput[i] + (configs[i].startsWith("vigil") ? ",\"uncounted\":0" : "")
            + "}");
        Files.writeString(dir.resolve(prefix + "-spring.properties"), "rssKb=" + (200_000 + i * 10_000) + "\n");
      }
    }
    BenchReport report = new BenchReport(dir);
    TargetTable table = new TargetTable(report.summarize());
    assertThat(table.rows).extracting(row -> row.verdict).containsExactly(
        "met",          // metrics only 0.98
        "missed",       // traces 0.85
        "met",          // 10 %: 0.96
        "met",          // CPU: +20 of OTel's +100
        "met",          // allocation: +2,000 of +40,000
        "met",          // every request counted
        "met",          // start-up +400 ms, CPU +400 ms (the worst Vigil configuration)
        "met",          // first 10 s: 0.85 at worst
        "met",          // threads +3 at most, RSS +30 MB (no NMT file: its native column is "-")
        "missed",       // Spring RSS 1.15 for vigil-10
        "not measured"); // no run of Vigil measuring itself
    java.util.Properties env = new java.util.Properties();
    env.setProperty("mode", "quick");
    assertThat(table.markdown(env)).contains("**Quick run**")
        .contains("| App CPU added per traced request | ≤ ¼ of the OpenTelemetry agent's | +2 µs (0.02 of OTel's) |");
  }

  private void closed(int round, String config, double throughput) throws Exception {
    Files.writeString(dir.resolve("r" + round + "-" + config + "-cpu-closed.json"),
        "{\"mode\":\"closed\",\"total\":{\"throughput\":" + throughput + "}}");
  }
}
