package dev.vigil.agent.cli;

/**
 * The verdict on one route: the canary's latencies against the baseline's (Mann-Whitney U) and its error rate against
 * the baseline's (two-proportion z-test). A difference counts when its p-value is below alpha and, for latency, when
 * the rank-biserial correlation and the shift of the median also reach the smallest effect that matters: with a thousand
 * samples a side, a shift nobody would notice is already "significant", and on a sub-millisecond route a busy host's
 * scheduling noise is a large effect of a few microseconds.
 */
final class RouteComparison {
  enum Verdict {
    WORSE("worse"), BETTER("better"), SAME("same"), NOT_ENOUGH_DATA("not enough data");

    final String label;

    Verdict(String label) {
      this.label = label;
    }
  }

  /** What decides a verdict. */
  static final class Thresholds {
    final double alpha;
    final int minSamples;
    final double minEffect;
    final double minShiftMs;

    Thresholds(double alpha, int minSamples, double minEffect, double minShiftMs) {
      this.alpha = alpha;
      this.minSamples = minSamples;
      this.minEffect = minEffect;
      this.minShiftMs = minShiftMs;
    }
  }

  final String key;
  final RouteSamples baseline;
  final RouteSamples canary;
  /** Null when a side has fewer latencies than the minimum. */
  final CanaryStats.UTest latency;
  /** Null when a side has fewer requests than the minimum. */
  final CanaryStats.ProportionTest errors;
  final Verdict verdict;

  private RouteComparison(String key, RouteSamples baseline, RouteSamples canary, CanaryStats.UTest latency,
      CanaryStats.ProportionTest errors, Verdict verdict) {
    this.key = key;
    this.baseline = baseline;
    this.canary = canary;
    this.latency = latency;
    this.errors = errors;
    this.verdict = verdict;
  }

  /** Either side may be null (the route was not served there in the window): not enough data. */
  static RouteComparison of(String key, RouteSamples baseline, RouteSamples canary, Thresholds t) {
    if (baseline == null || canary == null) {
      return new RouteComparison(key, baseline, canary, null, null, Verdict.NOT_ENOUGH_DATA);
    }
    CanaryStats.UTest latency = baseline.latenciesMs.length >= t.minSamples && canary.latenciesMs.length >= t.minSamples
        ? CanaryStats.mannWhitney(baseline.latenciesMs, canary.latenciesMs) : null;
    CanaryStats.ProportionTest errors = baseline.count >= t.minSamples && canary.count >= t.minSamples
        ? CanaryStats.twoProportions(baseline.errors, baseline.count, canary.errors, canary.count) : null;
    int latencyDirection = 0;
    if (latency != null && latency.p < t.alpha) {
      double r = latency.rankBiserial(baseline.latenciesMs.length, canary.latenciesMs.length);
      double shiftMs = CanaryStats.quantile(canary.latenciesMs, 0.5) - CanaryStats.quantile(baseline.latenciesMs, 0.5);
      latencyDirection = r >= t.minEffect && shiftMs >= t.minShiftMs ? 1
          : r <= -t.minEffect && shiftMs <= -t.minShiftMs ? -1 : 0;
    }
    int errorDirection = errors != null && errors.p < t.alpha ? (int) Math.signum(errors.z) : 0;
    Verdict verdict;
    if (latency == null && errors == null) {
      verdict = Verdict.NOT_ENOUGH_DATA;
    } else if (latencyDirection > 0 || errorDirection > 0) {
      verdict = Verdict.WORSE;
    } else if (latencyDirection < 0 || errorDirection < 0) {
      verdict = Verdict.BETTER;
    } else {
      verdict = Verdict.SAME;
    }
    return new RouteComparison(key, baseline, canary, latency, errors, verdict);
  }

  /** Rank-biserial correlation of the canary's latencies against the baseline's (positive: slower), or NaN. */
  double rankBiserial() {
    return latency == null ? Double.NaN
        : latency.rankBiserial(baseline.latenciesMs.length, canary.latenciesMs.length);
  }

  /** Common-language effect size: the chance a canary request is slower than a baseline one, or NaN. */
  double cles() {
    return latency == null ? Double.NaN : latency.cles(baseline.latenciesMs.length, canary.latenciesMs.length);
  }

  static double quantileMs(RouteSamples side, double q) {
    return side == null ? Double.NaN : CanaryStats.quantile(side.latenciesMs, q);
  }

  static double errorRate(RouteSamples side) {
    return side == null || side.count == 0 ? Double.NaN : (double) side.errors / side.count;
  }
}
