package dev.vigil.agent.insight;

import dev.vigil.agent.signals.BucketHistogram;
import dev.vigil.exporter.model.Point;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quantiles of cumulative bucket histograms (pool waits, queue waits, per-route statements) over the recent past, not
 * since start: each named histogram keeps two earlier readings, and a quantile is taken over what was recorded since
 * the older one (30 to 60 s and more of data, depending on how often it is asked). At most {@link #MAX_NAMES} names.
 */
final class RecentQuantiles {
  static final int MAX_NAMES = 512;
  static final long ROLL_MS = 30_000;
  private final Map<String, Bases> bases = new ConcurrentHashMap<>();

  /** Milliseconds at {@code q} (0-1) of what {@code h} recorded lately; NaN when nothing was recorded. */
  double millis(String name, BucketHistogram h, double q, long nowMs) {
    Point.Histogram now = h.snapshot();
    Bases b = bases.get(name);
    if (b == null) {
      if (bases.size() >= MAX_NAMES) {
        return quantileMillis(now.upperBounds, now.counts, null, q);
      }
      b = bases.computeIfAbsent(name, k -> new Bases());
    }
    long[] base;
    synchronized (b) {
      if (b.newer == null) {
        b.newer = now.counts;
        b.newerMs = nowMs;
      } else if (nowMs - b.newerMs >= ROLL_MS) {
        b.older = b.newer;
        b.newer = now.counts;
        b.newerMs = nowMs;
      }
      base = b.older;
    }
    return quantileMillis(now.upperBounds, now.counts, base, q);
  }

  /** Quantile of (counts - base) per bucket, interpolated inside its bucket; the +Inf bucket gives its lower bound. */
  static double quantileMillis(double[] boundsSeconds, long[] counts, long[] base, double q) {
    long total = 0;
    long[] delta = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      delta[i] = Math.max(0, counts[i] - (base == null ? 0 : base[i]));
      total += delta[i];
    }
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long seen = 0;
    for (int i = 0; i < delta.length; i++) {
      if (delta[i] > 0 && seen + delta[i] >= rank) {
        if (i == boundsSeconds.length) {
          return boundsSeconds[i - 1] * 1000;
        }
        double lower = i == 0 ? 0 : boundsSeconds[i - 1];
        double within = (rank - seen) / delta[i];
        return (lower + (boundsSeconds[i] - lower) * within) * 1000;
      }
      seen += delta[i];
    }
    return boundsSeconds[boundsSeconds.length - 1] * 1000;
  }

  private static final class Bases {
    long[] older;
    long[] newer;
    long newerMs;
  }
}
