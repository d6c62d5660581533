package dev.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;

/**
 * Known values: small cases worked by hand, the others from SciPy 1.17 ({@code scipy.stats.mannwhitneyu(canary,
 * baseline, ...)}, whose statistic is the U of its first argument, and {@code scipy.special.erfc}).
 */
class CanaryStatsTest {
  @Test
  void separatedSamplesByHand() {
    // every canary value above every baseline one: U = 3 * 3 = 9; of the C(6,3) = 20 equally likely orderings only
    // one gives U = 0 and one U = 9, so the two-sided p is 2/20
    CanaryStats.UTest t = CanaryStats.mannWhitney(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertThat(t.u).isEqualTo(9);
    assertThat(t.p).isCloseTo(0.1, within(1e-12));
    assertThat(t.cles(3, 3)).isEqualTo(1);
    assertThat(t.rankBiserial(3, 3)).isEqualTo(1);
  }

  @Test
  void exactDistributionByHand() {
    // n1 = n2 = 2: the 6 orderings give U = 0, 1, 2, 2, 3, 4, so P(U <= 1) = 2/6
    assertThat(CanaryStats.exactCdf(2, 2, 1)).isCloseTo(2.0 / 6, within(1e-12));
    assertThat(CanaryStats.exactCdf(2, 2, 4)).isCloseTo(1, within(1e-12));
  }

  @Test
  void smallSamplesWithoutTiesAreExact() {
    CanaryStats.UTest t = CanaryStats.mannWhitney(new double[] {1.1, 2.3, 3.5, 4.2, 5.0},
        new double[] {2.0, 6.1, 7.3, 8.4, 9.9, 3.3});
    assertThat(t.u).isEqualTo(23);
    assertThat(t.p).isCloseTo(0.17748917748917747, within(1e-12)); // method='exact'
    assertThat(Double.isNaN(t.z)).isTrue();
  }

  @Test
  void twentyPerSideIsStillExact() {
    double[] baseline = {10.691, 11.643, 10.661, 7.394, 11.811, 10.893, 8.926, 11.162, 10.729, 10.588, 10.057, 11.093,
        8.527, 9.674, 9.036, 11.198, 10.079, 9.415, 8.436, 9.486};
    double[] canary = {11.516, 10.949, 14.088, 13.513, 6.078, 7.722, 11.15, 10.656, 11.927, 11.935, 15.736, 9.276,
        10.745, 15.586, 12.793, 12.826, 10.472, 8.204, 11.835, 11.718};
    CanaryStats.UTest t = CanaryStats.mannWhitney(baseline, canary);
    assertThat(t.u).isEqualTo(290);
    assertThat(t.p).isCloseTo(0.014297272922798868, withPercentage(1e-6)); // method='exact'
  }

  @Test
  void tiesUseTheCorrectedNormalApproximation() {
    CanaryStats.UTest t = CanaryStats.mannWhitney(new double[] {1, 2, 2, 3, 3, 3, 4}, new double[] {3, 4, 4, 5, 5, 6});
    assertThat(t.u).isEqualTo(38.5);
    // method='asymptotic', use_continuity=True
    assertThat(t.p).isCloseTo(0.012999854364387305, withPercentage(1e-4));
    assertThat(t.z).isPositive();
  }

  @Test
  void largeSamplesWithTies() {
    double[] baseline = new double[30];
    for (int i = 0; i < 30; i++) {
      baseline[i] = (i * 7) % 13;
    }
    double[] canary = new double[25];
    for (int i = 0; i < 25; i++) {
      canary[i] = (i * 5) % 11 + 1.5;
    }
    CanaryStats.UTest t = CanaryStats.mannWhitney(baseline, canary);
    assertThat(t.u).isEqualTo(420);
    assertThat(t.p).isCloseTo(0.4515709646045786, withPercentage(1e-4));
  }

  @Test
  void largeShiftsAndNearShifts() {
    double[] baseline = new double[40];
    double[] slightly = new double[40];
    double[] far = new double[40];
    for (int i = 0; i < 40; i++) {
      baseline[i] = i + 1;
      slightly[i] = i + 1.5;
      far[i] = i + 31;
    }
    CanaryStats.UTest near = CanaryStats.mannWhitney(baseline, slightly);
    assertThat(near.u).isEqualTo(820);
    assertThat(near.p).isCloseTo(0.8511597790430957, withPercentage(1e-4));
    CanaryStats.UTest apart = CanaryStats.mannWhitney(baseline, far);
    assertThat(apart.u).isEqualTo(1550);
    assertThat(apart.p).isCloseTo(5.493794800445032e-13, withPercentage(1e-3));
    assertThat(apart.rankBiserial(40, 40)).isCloseTo(2 * 1550.0 / 1600 - 1, within(1e-12));
    CanaryStats.UTest reversed = CanaryStats.mannWhitney(far, baseline);
    assertThat(reversed.rankBiserial(40, 40)).isCloseTo(-apart.rankBiserial(40, 40), within(1e-12));
    assertThat(reversed.p).isCloseTo(apart.p, withPercentage(1e-9));
  }

  @Test
  void identicalValuesTellNothing() {
    double[] ones = new double[25];
    java.util.Arrays.fill(ones, 1.0);
    CanaryStats.UTest t = CanaryStats.mannWhitney(ones, ones.clone());
    assertThat(t.u).isEqualTo(312.5);
    assertThat(t.p).isEqualTo(1);
  }

  @Test
  void twoProportions() {
    // z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2)) with the pooled p
    CanaryStats.ProportionTest more = CanaryStats.twoProportions(10, 1000, 25, 1000);
    assertThat(more.z).isCloseTo(2.557943557892809, within(1e-9));
    assertThat(more.p).isCloseTo(0.010529318065282926, withPercentage(1e-4));
    CanaryStats.ProportionTest fewer = CanaryStats.twoProportions(3, 200, 1, 180);
    assertThat(fewer.z).isCloseTo(-0.900731906231301, within(1e-9));
    assertThat(fewer.p).isCloseTo(0.36773088007970145, withPercentage(1e-4));
    assertThat(CanaryStats.twoProportions(0, 500, 0, 700).p).isEqualTo(1);
    assertThat(CanaryStats.twoProportions(40, 40, 9, 9).p).isEqualTo(1);
  }

  @Test
  void erfcKeepsItsRelativeAccuracyInTheTail() {
    double[][] known = {{0.1, 0.8875370839817152}, {1, 0.15729920705028516}, {3, 2.2090496998585445e-05},
        {6, 2.1519736712498913e-17}, {-1, 1.8427007929497148}};
    for (double[] k : known) {
      assertThat(CanaryStats.erfc(k[0])).as("erfc(%s)", k[0]).isCloseTo(k[1], withPercentage(1.2e-5));
    }
  }

  @Test
  void quantilesInterpolateBetweenRanks() {
    assertThat(CanaryStats.quantile(new double[] {1, 2, 3, 4, 10}, 0.99)).isCloseTo(9.76, within(1e-9));
    assertThat(CanaryStats.quantile(new double[] {1, 3, 5}, 0.5)).isEqualTo(3);
    assertThat(CanaryStats.quantile(new double[] {7}, 0.99)).isEqualTo(7);
    assertThat(Double.isNaN(CanaryStats.quantile(new double[0], 0.5))).isTrue();
  }
}
