package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Point;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative explicit-bucket histogram of durations, lock-free and allocation-free to record: what Prometheus buckets
 * and OTLP explicit histograms need. Bounds are the OpenTelemetry HTTP semantic-convention advice, in seconds.
 */
public final class BucketHistogram {
  static final double[] BOUNDS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};
  private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

  static {
    for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
      BOUNDS_NANOS[i] = Math.round(BOUNDS_SECONDS[i] * 1e9);
    }
  }

  private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_NANOS.length + 1);
  private final LongAdder sumNanos = new LongAdder();

  public void record(long nanos) {
    int i = 0;
    while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
      i++;
    }
    counts.incrementAndGet(i);
    sumNanos.add(nanos);
  }

  public long count() {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) {
      total += counts.get(i);
    }
    return total;
  }

  public Point.Histogram snapshot() {
    long[] c = new long[counts.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(i);
    }
    return new Point.Histogram(BOUNDS_SECONDS.clone(), c, sumNanos.sum() / 1e9, null);
  }
}
