package dev.vigil.agent.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistoryTest {
  @Test
  void ringKeepsTheLastSixtyMinutesOldestFirst() {
    RouteHistory h = new RouteHistory();
    for (int m = 0; m < 75; m++) {
      h.add(m * 60_000L, m, 0, 1, 2, 3 + m, 4, 0);
    }
    assertThat(h.size()).isEqualTo(60);
    RouteHistory.Series all = h.last(60);
    assertThat(all.minuteMs[0]).isEqualTo(15 * 60_000L);
    assertThat(all.minuteMs[59]).isEqualTo(74 * 60_000L);
    assertThat(all.of(RouteHistory.P99)[59]).isCloseTo(77, within(1e-6));
    RouteHistory.Series spark = h.last(15);
    assertThat(spark.minuteMs).hasSize(15);
    assertThat(spark.of(RouteHistory.RATE)[0]).isCloseTo(60, within(1e-6));
    assertThat(new RouteHistory().last(15).size()).isZero();
  }

  @Test
  void samplesEveryEndpointWithTrafficOncePerMinute() {
    Fixture f = new Fixture("/a").requests(30, 10, 200);
    History history = new History(f.registry);
    assertThat(history.tick(120_000)).isTrue();
    assertThat(history.tick(150_000)).as("same minute").isFalse();
    assertThat(history.tick(180_001)).isTrue();
    RouteHistory.Series s = history.of("GET", "/a").last(60);
    assertThat(s.minuteMs).containsExactly(120_000L, 180_000L);
    assertThat(s.of(RouteHistory.P50)[1]).isBetween(9.0, 11.0);
    assertThat(s.of(RouteHistory.ERROR_PCT)[1]).isZero();
  }

  @Test
  void zScoreFlagsASpikeAgainstTheRoutesOwnHourOnly() {
    double[] flat = new double[31];
    for (int i = 0; i < 30; i++) {
      flat[i] = 20 + (i % 3); // 20, 21, 22 ...
    }
    flat[30] = 80;
    ZScore spike = ZScore.ofLast(flat, 1.0);
    assertThat(spike.flagged()).isTrue();
    assertThat(spike.z).isGreaterThan(3);
    assertThat(spike.mean).isCloseTo(21, within(0.01));
    flat[30] = 22;
    assertThat(ZScore.ofLast(flat, 1.0).flagged()).isFalse();
    double[] drop = flat.clone();
    drop[30] = 0;
    assertThat(ZScore.ofLast(drop, 1.0).z).isLessThan(-3);
  }

  @Test
  void zScoreNeedsTenMinutesOfBaseline() {
    double[] few = {10, 10, 10, 10, 10, 10, 10, 10, 10, 500};
    assertThat(ZScore.ofLast(few, 1.0)).isNull();
    double[] withGaps = {10, Double.NaN, 10, 10, 10, 10, 10, 10, 10, 10, 10, 500};
    assertThat(ZScore.ofLast(withGaps, 1.0)).as("11 earlier minutes, one empty").isNotNull();
  }

  @Test
  void recentQuantileInterpolatesInsideTheBucketOfTheDelta() {
    double[] bounds = {0.001, 0.005, 0.01};
    long[] base = {100, 0, 0, 0};
    long[] now = {100, 50, 50, 0};
    // the newest 100 values: 50 in (1, 5] ms, 50 in (5, 10] ms; p99 is 98% into the second bucket
    assertThat(RecentQuantiles.quantileMillis(bounds, now, base, 0.99)).isCloseTo(9.9, within(1e-9));
    assertThat(RecentQuantiles.quantileMillis(bounds, base, base, 0.99)).isNaN();
  }
}
