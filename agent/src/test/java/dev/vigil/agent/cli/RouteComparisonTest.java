package dev.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteComparisonTest {
  private static final RouteComparison.Thresholds DEFAULTS = new RouteComparison.Thresholds(0.01, 30, 0.2, 1);

  private static RouteSamples side(String route, long count, long errors, double from, double step, int n) {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      ms[i] = from + (i % 100) * step;
    }
    return new RouteSamples("GET", route, count, errors, 60, ms);
  }

  @Test
  void aSlowerCanaryIsWorse() {
    RouteComparison c = RouteComparison.of("GET /a", side("/a", 500, 0, 1, 0.01, 500), side("/a", 500, 0, 21, 0.01,
        500), DEFAULTS);
    assertThat(c.verdict).isEqualTo(RouteComparison.Verdict.WORSE);
    assertThat(c.rankBiserial()).isEqualTo(1);
    assertThat(c.latency.p).isLessThan(1e-10);
  }

  @Test
  void aFasterCanaryIsBetter() {
    RouteComparison c = RouteComparison.of("GET /a", side("/a", 500, 0, 21, 0.01, 500), side("/a", 500, 0, 1, 0.01,
        500), DEFAULTS);
    assertThat(c.verdict).isEqualTo(RouteComparison.Verdict.BETTER);
  }

  @Test
  void aSignificantButTinyShiftIsTheSame() {
    // every canary latency 0.5% of the range higher: p is tiny with 5,000 a side, r is about 0.01
    RouteComparison c = RouteComparison.of("GET /a", side("/a", 5000, 0, 1, 0.01, 5000),
        side("/a", 5000, 0, 1.005, 0.01, 5000), DEFAULTS);
    assertThat(c.rankBiserial()).isBetween(0.0, 0.2);
    assertThat(c.verdict).isEqualTo(RouteComparison.Verdict.SAME);
  }

  @Test
  void aLargeEffectOfAFewMicrosecondsIsTheSame() {
    // a sub-millisecond route on a busy host: the canary's median 0.08 ms higher, r about 0.6, p tiny
    RouteComparison c = RouteComparison.of("GET /a", side("/a", 500, 0, 0.4, 0.001, 500),
        side("/a", 500, 0, 0.48, 0.001, 500), DEFAULTS);
    assertThat(c.latency.p).isLessThan(1e-10);
    assertThat(c.rankBiserial()).isGreaterThan(0.2);
    assertThat(c.verdict).isEqualTo(RouteComparison.Verdict.SAME);
    RouteComparison strict = RouteComparison.of("GET /a", c.baseline, c.canary,
        new RouteComparison.Thresholds(0.01, 30, 0.2, 0));
    assertThat(strict.verdict).isEqualTo(RouteComparison.Verdict.WORSE);
  }

  @Test
  void moreErrorsAreWorseEvenAtTheSameSpeed() {
    RouteComparison c = RouteComparison.of("GET /a", side("/a", 1000, 5, 1, 0.01, 995), side("/a", 1000, 40, 1, 0.01,
        960), DEFAULTS);
    assertThat(c.latency.p).isGreaterThan(0.01);
    assertThat(c.errors.z).isPositive();
    assertThat(c.verdict).isEqualTo(RouteComparison.Verdict.WORSE);
  }

  @Test
  void aRouteThatOnlyFailsIsComparedOnErrorsAlone() {
    RouteComparison c = RouteComparison.of("GET /error", side("/error", 100, 100, 1, 0, 0), side("/error", 90, 90, 1,
        0, 0), DEFAULTS);
    assertThat(c.latency).isNull();
    assertThat(c.verdict).isEqualTo(RouteComparison.Verdict.SAME);
  }

  @Test
  void fewSamplesOrAMissingSideIsNotEnoughData() {
    assertThat(RouteComparison.of("GET /a", side("/a", 29, 0, 1, 0.01, 29), side("/a", 29, 0, 50, 0.01, 29),
        DEFAULTS).verdict).isEqualTo(RouteComparison.Verdict.NOT_ENOUGH_DATA);
    assertThat(RouteComparison.of("GET /a", null, side("/a", 500, 0, 1, 0.01, 500), DEFAULTS).verdict)
        .isEqualTo(RouteComparison.Verdict.NOT_ENOUGH_DATA);
  }

  @Test
  void worseRoutesComeFirstAndTheTableNamesThem() {
    Map<String, RouteSamples> baseline = Map.of("GET /a", side("/a", 500, 0, 1, 0.01, 500),
        "GET /b", side("/b", 500, 0, 1, 0.01, 500));
    Map<String, RouteSamples> canary = Map.of("GET /a", side("/a", 500, 0, 1, 0.01, 500),
        "GET /b", side("/b", 500, 0, 31, 0.01, 500));
    List<RouteComparison> results = CompareCommand.compare(baseline, canary, DEFAULTS);
    assertThat(results).extracting(r -> r.key).containsExactly("GET /b", "GET /a");
    String[] lines = CompareTable.render(results).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("METHOD  ROUTE  VERDICT");
    assertThat(lines[1]).matches("GET     /b     worse +500/500 +500/500 +1\\.50/31\\.5 +1\\.98/32\\.0"
        + " +\\+30\\.0 +\\+30\\.0 +1\\.00 +1\\.00 +[0-9.]+e-[0-9]+ +0\\.0/0\\.0 +1\\.0");
    assertThat(lines[2]).startsWith("GET     /a     same ");
    assertThat(lines[1]).hasSameSizeAs(lines[0]).hasSameSizeAs(lines[2]); // the last column is aligned right
  }

  @Test
  void aRouteServedOnOneSideOnlyIsListedWithDashes() {
    List<RouteComparison> results = CompareCommand.compare(Map.of(), Map.of("GET /new", side("/new", 80, 0, 1, 0.01,
        80)), DEFAULTS);
    String[] lines = CompareTable.render(results).split("\n");
    assertThat(lines[1]).matches("GET +/new +not enough data +-/80 +-/80 +-/1\\.\\d+ .*");
  }

  @Test
  void badOptionsAreUsageErrors() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompareCommand.run(new String[] {"a:1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two instances");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompareCommand.run(new String[] {"a:1", "b:2", "--alpha",
        "2"})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--alpha 2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompareCommand.run(new String[] {"a:1", "b:2", "--x",
        "1"})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --x");
  }

  @Test
  void targetsAreHostPortOrUrls() {
    assertThat(CompareCommand.samplesUri("10.0.0.5:9464").toString())
        .isEqualTo("http://10.0.0.5:9464/vigil/api/samples");
    assertThat(CompareCommand.samplesUri("https://canary.internal:9464/").toString())
        .isEqualTo("https://canary.internal:9464/vigil/api/samples");
    assertThat(CompareCommand.samplesUri("http://h:1/custom/path").getPath()).isEqualTo("/custom/path");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CompareCommand.samplesUri("ftp://h:1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
