package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  private static final long MS = 1_000_000L;

  @Test
  void latencyRunsFromTheIntendedTimeAndApdexFollowsT() {
    LatencyStats stats = new LatencyStats(0, 100 * MS);
    stats.complete(1000 * MS, 1050 * MS, true); // satisfied
    stats.complete(1000 * MS, 1300 * MS, true); // tolerating (<= 4T)
    stats.complete(1000 * MS, 1500 * MS, true); // frustrated
    stats.complete(1000 * MS, 1010 * MS, false); // error: frustrated however fast
    LatencyStats.Summary s = stats.summary("x", 1);
    assertThat(s.completed).isEqualTo(4);
    assertThat(s.errors).isEqualTo(1);
    assertThat(s.errorPercent).isEqualTo(25.0);
    assertThat(s.apdex).isEqualTo((1 + 0.5) / 4);
    assertThat(s.maxMs).isBetween(499.0, 501.0);
    assertThat(s.p50Ms).isBetween(49.9, 50.1);
    assertThat(s.throughput).isEqualTo(3.0);
  }

  @Test
  void nothingMeasuredGivesNaNNotZero() {
    LatencyStats.Summary s = new LatencyStats(0, MS).summary("x", 1);
    assertThat(s.p99Ms).isNaN();
    assertThat(s.apdex).isNaN();
  }
}
