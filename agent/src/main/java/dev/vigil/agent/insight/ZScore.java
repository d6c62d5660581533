package dev.vigil.agent.insight;

/**
 * How unusual the newest minute is against the route's own earlier minutes: (value - mean) / standard deviation, with
 * at least {@link #MIN_BASELINE} earlier minutes. The deviation has a floor (5% of the mean, and a small absolute one)
 * so a perfectly flat baseline does not turn a tiny change into a huge score.
 */
final class ZScore {
  static final int MIN_BASELINE = 10;
  static final double FLAG = 3.0;

  final double z;
  final double value;
  final double mean;

  private ZScore(double z, double value, double mean) {
    this.z = z;
    this.value = value;
    this.mean = mean;
  }

  /** The newest value of {@code series} against the ones before it; null when too few (non-NaN) minutes. */
  static ZScore ofLast(double[] series, double absoluteFloor) {
    if (series.length < MIN_BASELINE + 1 || Double.isNaN(series[series.length - 1])) {
      return null;
    }
    int n = 0;
    double sum = 0;
    for (int i = 0; i < series.length - 1; i++) {
      if (!Double.isNaN(series[i])) {
        n++;
        sum += series[i];
      }
    }
    if (n < MIN_BASELINE) {
      return null;
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < series.length - 1; i++) {
      if (!Double.isNaN(series[i])) {
        squares += (series[i] - mean) * (series[i] - mean);
      }
    }
    double sd = Math.max(Math.sqrt(squares / n), Math.max(Math.abs(mean) * 0.05, absoluteFloor));
    double value = series[series.length - 1];
    return new ZScore((value - mean) / sd, value, mean);
  }

  boolean flagged() {
    return Math.abs(z) >= FLAG;
  }
}
