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
      Files.writeString(dir.resolve("r" + r + "-vigil-metrics.properties"), "startupMs=" + (400 + r) + "\nrssKb=102400\n");
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
    report.writeJson(results, json);
    JsonNode root = new ObjectMapper().readTree(json.toByteArray());
    assertThat(root.at("/configs/1/endpoints/cpu/throughputRatio").asDouble()).isEqualTo(0.95);
    assertThat(root.at("/configs/2/status").asText()).isEqualTo("n/a, traces not yet implemented");
    assertThat(PerfGate.measured(root, "vigil-metrics").get("/cpu")[4]).isEqualTo(0.95);
  }

  private void closed(int round, String config, double throughput) throws Exception {
    Files.writeString(dir.resolve("r" + round + "-" + config + "-cpu-closed.json"),
        "{\"mode\":\"closed\",\"total\":{\"throughput\":" + throughput + "}}");
  }
}
