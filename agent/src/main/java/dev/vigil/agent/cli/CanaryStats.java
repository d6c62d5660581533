package dev.vigil.agent.cli;

import java.util.Arrays;

/**
 * The tests behind {@code compare}: Mann-Whitney U on two latency samples, the two-proportion z-test on error counts,
 * and sample quantiles. Two-sided p-values throughout.
 */
final class CanaryStats {
  /** Up to this many values per side and without ties, U's p-value is exact; beyond it, the normal approximation. */
  static final int EXACT_MAX = 20;

  private CanaryStats() {}

  /** The outcome of a Mann-Whitney U test of {@code canary} against {@code baseline}. */
  static final class UTest {
    /** U of the canary: pairs where the canary value is the larger, ties counting one half. */
    final double u;
    /** Two-sided p-value. */
    final double p;
    /** The normal approximation's z (positive: canary larger), or NaN when the p-value is exact. */
    final double z;

    UTest(double u, double p, double z) {
      this.u = u;
      this.p = p;
      this.z = z;
    }

    /** Common-language effect size: the chance that a random canary value exceeds a random baseline one. */
    double cles(int baselineSize, int canarySize) {
      return u / ((double) baselineSize * canarySize);
    }

    /** Rank-biserial correlation, -1 (canary always smaller) to 1 (always larger): 2 CLES - 1. */
    double rankBiserial(int baselineSize, int canarySize) {
      return 2 * cles(baselineSize, canarySize) - 1;
    }
  }

  /**
   * Mann-Whitney U test. Ties get their average rank and shrink the variance (tie correction); with more than
   * {@link #EXACT_MAX} values on a side, or any tie, p comes from the normal approximation with continuity correction.
   */
  static UTest mannWhitney(double[] baseline, double[] canary) {
    int n1 = baseline.length;
    int n2 = canary.length;
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("both samples need values");
    }
    int n = n1 + n2;
    double[] values = new double[n];
    System.arraycopy(baseline, 0, values, 0, n1);
    System.arraycopy(canary, 0, values, n1, n2);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double canaryRanks = 0;
    double tieTerm = 0; // sum of t^3 - t over groups of t equal values
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1; // ranks i+1 .. j+1, averaged
      for (int k = i; k <= j; k++) {
        if (order[k] >= n1) {
          canaryRanks += rank;
        }
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    double u = canaryRanks - n2 * (n2 + 1) / 2.0;
    double mean = (double) n1 * n2 / 2;
    if (tieTerm == 0 && n1 <= EXACT_MAX && n2 <= EXACT_MAX) {
      double smaller = Math.min(u, (double) n1 * n2 - u);
      return new UTest(u, Math.min(1, 2 * exactCdf(n1, n2, (int) smaller)), Double.NaN);
    }
    double variance = (double) n1 * n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
    if (variance <= 0) {
      return new UTest(u, 1, 0); // every value equal: nothing tells the sides apart
    }
    double distance = Math.max(0, Math.abs(u - mean) - 0.5); // continuity correction, toward the mean
    double z = Math.signum(u - mean) * distance / Math.sqrt(variance);
    return new UTest(u, Math.min(1, 2 * normalUpperTail(Math.abs(z))), z);
  }

  /**
   * P(U <= u) under the null hypothesis, without ties: the count of orderings of n1 and n2 values with that U, over all
   * orderings. Counts come from the recurrence c(i, j, u) = c(i - 1, j, u - j) + c(i, j - 1, u) (the largest value is
   * from the first sample, adding j to U, or from the second).
   */
  static double exactCdf(int n1, int n2, int u) {
    int max = n1 * n2;
    double[][][] c = new double[n1 + 1][n2 + 1][max + 1];
    for (int i = 0; i <= n1; i++) {
      for (int j = 0; j <= n2; j++) {
        if (i == 0 || j == 0) {
          c[i][j][0] = 1;
          continue;
        }
        for (int v = 0; v <= i * j; v++) {
          c[i][j][v] = (v >= j ? c[i - 1][j][v - j] : 0) + c[i][j - 1][v];
        }
      }
    }
    double below = 0;
    double all = 0;
    for (int v = 0; v <= max; v++) {
      all += c[n1][n2][v];
      if (v <= u) {
        below += c[n1][n2][v];
      }
    }
    return below / all;
  }

  /** The outcome of a two-proportion z-test: z positive when the canary's proportion is the larger. */
  static final class ProportionTest {
    final double z;
    final double p;

    ProportionTest(double z, double p) {
      this.z = z;
      this.p = p;
    }
  }

  /** Two-proportion z-test with the pooled proportion: errors out of requests on each side. */
  static ProportionTest twoProportions(long baselineErrors, long baselineTotal, long canaryErrors, long canaryTotal) {
    if (baselineTotal <= 0 || canaryTotal <= 0) {
      throw new IllegalArgumentException("both sides need requests");
    }
    double p1 = (double) baselineErrors / baselineTotal;
    double p2 = (double) canaryErrors / canaryTotal;
    double pooled = (double) (baselineErrors + canaryErrors) / (baselineTotal + canaryTotal);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / baselineTotal + 1.0 / canaryTotal));
    if (se == 0) {
      return new ProportionTest(0, 1); // no errors at all, or nothing but errors, on both sides
    }
    double z = (p2 - p1) / se;
    return new ProportionTest(z, Math.min(1, 2 * normalUpperTail(Math.abs(z))));
  }

  /** P(Z > z) for a standard normal Z. */
  static double normalUpperTail(double z) {
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /**
   * The complementary error function, by the Chebyshev fit in Numerical Recipes (fractional error below 1.2e-7
   * everywhere): relative accuracy holds in the far tail, where tiny p-values live.
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /** The q-quantile (0..1) of sorted values, interpolating between the two nearest ranks; NaN when empty. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
