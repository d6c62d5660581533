package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Point;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative explicit-bucket histogram of durations, lock-free and allocation-free to record: what Prometheus buckets
 * and OTLP explicit histograms need. The default bounds are the OpenTelemetry HTTP semantic-convention advice, in
 * seconds; other conventions pass theirs.
 */
public final class BucketHistogram {
  static final double[] BOUNDS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};
  /** OpenTelemetry DB semantic-convention advice for {@code db.client.operation.duration}. */
  public static final double[] DB_BOUNDS_SECONDS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10};
  static final Bounds HTTP = new Bounds(BOUNDS_SECONDS);

  private final Bounds bounds;
  private final AtomicLongArray counts;
  private final LongAdder sumNanos = new LongAdder();
  /** The last sampled request per bucket (OpenMetrics exemplars); created by the first one. */
  private volatile AtomicReferenceArray<Point.Exemplar> exemplars;

  public BucketHistogram() {
    this(HTTP);
  }

  /** Histogram with shared bounds: build one {@link Bounds} per metric, not per series. */
  public BucketHistogram(Bounds bounds) {
    this.bounds = bounds;
    this.counts = new AtomicLongArray(bounds.nanos.length + 1);
  }

  public void record(long nanos) {
    record(nanos, null, null);
  }

  /** Records; with a trace id, the measurement also becomes its bucket's exemplar (last one wins, lock-free). */
  public void record(long nanos, String traceId, String spanId) {
    long[] b = bounds.nanos;
    int i = 0;
    while (i < b.length && nanos > b[i]) {
      i++;
    }
    counts.incrementAndGet(i);
    sumNanos.add(nanos);
    if (traceId != null) {
      AtomicReferenceArray<Point.Exemplar> e = exemplars;
      if (e == null) {
        e = createExemplars();
      }
      e.set(i, new Point.Exemplar(traceId, spanId, nanos / 1e9, System.currentTimeMillis()));
    }
  }

  private synchronized AtomicReferenceArray<Point.Exemplar> createExemplars() {
    if (exemplars == null) {
      exemplars = new AtomicReferenceArray<>(counts.length());
    }
    return exemplars;
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
    AtomicReferenceArray<Point.Exemplar> e = exemplars;
    Point.Exemplar[] ex = null;
    if (e != null) {
      ex = new Point.Exemplar[c.length];
      for (int i = 0; i < ex.length; i++) {
        ex[i] = e.get(i);
      }
    }
    return new Point.Histogram(bounds.seconds, c, sumNanos.sum() / 1e9, ex);
  }

  /** Upper bounds in seconds, with their nanosecond form for recording. */
  public static final class Bounds {
    final double[] seconds;
    final long[] nanos;

    public Bounds(double[] seconds) {
      this.seconds = seconds.clone();
      this.nanos = new long[seconds.length];
      for (int i = 0; i < seconds.length; i++) {
        nanos[i] = Math.round(seconds[i] * 1e9);
      }
    }
  }
}
