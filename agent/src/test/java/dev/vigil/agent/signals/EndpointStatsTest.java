package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.agent.support.CapturedStderr;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointStatsTest {
  private static final long MS = 1_000_000L;

  private static EndpointStats stats(long apdexMillis) {
    return new EndpointStats("GET", "/x", apdexMillis * MS, 6);
  }

  @Test
  void apdexCountsSatisfiedToleratingAndFrustratedWithErrorsFrustrated() {
    EndpointStats s = stats(100);
    s.complete(50 * MS, 200, null); // satisfied
    s.complete(100 * MS, 200, null); // satisfied: T itself
    s.complete(10 * MS, 404, null); // satisfied: a client error is a fast answer
    s.complete(101 * MS, 200, null); // tolerating
    s.complete(400 * MS, 200, null); // tolerating: 4T itself
    s.complete(401 * MS, 200, null); // frustrated
    s.complete(1 * MS, 503, null); // frustrated: server error, however fast
    s.complete(1 * MS, 200, "java.io.IOException"); // frustrated: exception, however fast

    long[] c = s.countersNow();
    assertThat(c[EndpointStats.REQUESTS]).isEqualTo(8);
    assertThat(c[EndpointStats.SATISFIED]).isEqualTo(3);
    assertThat(c[EndpointStats.TOLERATING]).isEqualTo(2);
    assertThat(c[EndpointStats.ERRORS]).isEqualTo(2);

    EndpointSummary summary = EndpointSummary.of(s, System.nanoTime());
    assertThat(summary.apdex).isEqualTo((3 + 2 / 2.0) / 8);
    assertThat(summary.errorRatio).isEqualTo(2 / 8.0);
    assertThat(summary.windowRequests).isEqualTo(8);
    assertThat(summary.requestsTotal).isEqualTo(8);
  }

  @Test
  void perRouteApdexThresholdsApply() {
    ApdexThresholds t = new ApdexThresholds(500, ApdexThresholds.parseRoutes("/search=2s, /owners/{id}=200ms"));
    assertThat(t.nanosFor("/search")).isEqualTo(2000 * MS);
    assertThat(t.nanosFor("/owners/{id}")).isEqualTo(200 * MS);
    assertThat(t.nanosFor("/other")).isEqualTo(500 * MS);

    EndpointRegistry r = new EndpointRegistry(10, t, 60_000 * MS);
    EndpointStats search = r.get("GET", "/search");
    search.complete(1500 * MS, 200, null);
    assertThat(search.countersNow()[EndpointStats.SATISFIED]).isEqualTo(1);
    EndpointStats other = r.get("GET", "/other");
    other.complete(1500 * MS, 200, null);
    assertThat(other.countersNow()[EndpointStats.TOLERATING]).isEqualTo(1);
  }

  @Test
  void badApdexRoutePairsAreSkipped() {
    try (CapturedStderr log = CapturedStderr.start()) {
      Map<String, Long> routes = ApdexThresholds.parseRoutes("/a=1s,nonsense,/b=soon,/c=3ms");
      assertThat(routes).containsOnly(Map.entry("/a", 1000L), Map.entry("/c", 3L));
      assertThat(log.lines()).hasSize(2).anyMatch(l -> l.contains("'nonsense'")).anyMatch(l -> l.contains("'/b=soon'"));
    }
  }

  @Test
  void statusCodesAndExceptionsGetTheirOwnHistograms() {
    EndpointStats s = stats(100);
    s.complete(MS, 200, null);
    s.complete(MS, 200, null);
    s.complete(MS, 404, null);
    s.complete(MS, 500, "java.lang.IllegalStateException");
    s.complete(MS, 500, null);
    assertThat(s.statuses()).extracting(x -> x.status + "/" + x.errorType + "=" + x.histogram.count())
        .containsExactly("200/null=2", "404/null=1", "500/java.lang.IllegalStateException=1", "500/null=1");
  }

  @Test
  void statusSeriesAreBounded() {
    EndpointStats s = stats(100);
    for (int status = 100; status < 600; status++) {
      s.complete(MS, status, null);
    }
    assertThat(s.statuses()).hasSize(32);
    assertThat(s.requests()).isEqualTo(500);
    long recorded = 0;
    for (EndpointStats.StatusSeries series : s.statuses()) {
      recorded += series.histogram.count();
    }
    assertThat(recorded).as("nothing is lost, the surplus folds into one series").isEqualTo(500);
  }

  @Test
  void inFlightGoesUpAndDown() {
    EndpointStats s = stats(100);
    s.enter();
    s.enter();
    s.leave();
    assertThat(s.inFlight()).isEqualTo(1);
  }

  @Test
  void summaryBeforeAnyRequestIsEmptyNotZero() {
    EndpointSummary summary = EndpointSummary.of(stats(100), System.nanoTime());
    assertThat(summary.windowRequests).isZero();
    assertThat(summary.apdex).isNaN();
    assertThat(summary.errorRatio).isNaN();
    assertThat(summary.quantileSeconds).containsOnly(Double.NaN);
  }

  @Test
  void bucketHistogramIsCumulativeInSnapshotOrderAndSumsSeconds() {
    BucketHistogram h = new BucketHistogram();
    h.record(5 * MS); // le 0.005 (bounds are inclusive)
    h.record(6 * MS); // le 0.01
    h.record(20_000 * MS); // +Inf
    var snap = h.snapshot();
    assertThat(snap.upperBounds).startsWith(0.005, 0.01);
    assertThat(snap.counts[0]).isEqualTo(1);
    assertThat(snap.counts[1]).isEqualTo(1);
    assertThat(snap.counts[snap.counts.length - 1]).isEqualTo(1);
    assertThat(snap.count()).isEqualTo(3);
    assertThat(snap.sum).isCloseTo(20.011, within(1e-9));
  }
}
