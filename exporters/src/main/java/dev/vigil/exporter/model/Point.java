package dev.vigil.exporter.model;

/** One series of a family: labels plus a value (counter, gauge), a histogram or a summary. */
public final class Point {
  public final Labels labels;
  public final double value;
  public final Histogram histogram;
  public final Summary summary;
  public final ExponentialHistogram exponential;

  private Point(Labels labels, double value, Histogram histogram, Summary summary, ExponentialHistogram exponential) {
    this.labels = labels;
    this.value = value;
    this.histogram = histogram;
    this.summary = summary;
    this.exponential = exponential;
  }

  public static Point value(Labels labels, double value) {
    return new Point(labels, value, null, null, null);
  }

  public static Point histogram(Labels labels, Histogram histogram) {
    return new Point(labels, Double.NaN, histogram, null, null);
  }

  public static Point summary(Labels labels, Summary summary) {
    return new Point(labels, Double.NaN, null, summary, null);
  }

  public static Point exponential(Labels labels, ExponentialHistogram histogram) {
    return new Point(labels, Double.NaN, null, null, histogram);
  }

  /**
   * Explicit-bucket histogram. {@code counts} are per bucket, not cumulative, and have one more entry than
   * {@code upperBounds} (the +Inf bucket). {@code exemplars} is null or parallel to {@code counts}, with nulls.
   * {@code upperBounds} may be shared by every series of a metric: read it, never write it.
   */
  public static final class Histogram {
    public final double[] upperBounds;
    public final long[] counts;
    public final double sum;
    public final Exemplar[] exemplars;

    public Histogram(double[] upperBounds, long[] counts, double sum, Exemplar[] exemplars) {
      if (counts.length != upperBounds.length + 1) {
        throw new IllegalArgumentException("counts need one entry per bound plus +Inf");
      }
      this.upperBounds = upperBounds;
      this.counts = counts;
      this.sum = sum;
      this.exemplars = exemplars;
    }

    public long count() {
      long total = 0;
      for (long c : counts) {
        total += c;
      }
      return total;
    }
  }

  /** Quantiles over a recent window, with the cumulative count and sum. */
  public static final class Summary {
    public final double[] quantiles;
    public final double[] values;
    public final long count;
    public final double sum;

    public Summary(double[] quantiles, double[] values, long count, double sum) {
      this.quantiles = quantiles;
      this.values = values;
      this.count = count;
      this.sum = sum;
    }
  }

  /** A sampled measurement that links a bucket to a trace. */
  public static final class Exemplar {
    public final String traceId;
    public final String spanId;
    public final double value;
    public final long epochMillis;

    public Exemplar(String traceId, String spanId, double value, long epochMillis) {
      this.traceId = traceId;
      this.spanId = spanId;
      this.value = value;
      this.epochMillis = epochMillis;
    }
  }

  /**
   * Base-2 exponential histogram (OTLP ExponentialHistogram, Prometheus native histogram): bucket {@code offset + i}
   * counts values in (base^(offset+i), base^(offset+i+1)] with base = 2^(2^-scale). Only positive values; values at
   * or below {@code zeroThreshold} are in {@code zeroCount}.
   */
  public static final class ExponentialHistogram {
    public final int scale;
    public final double zeroThreshold;
    public final long zeroCount;
    public final int offset;
    public final long[] counts;
    public final long count;
    public final double sum;
    public final double min;
    public final double max;

    public ExponentialHistogram(int scale, double zeroThreshold, long zeroCount, int offset, long[] counts, long count,
        double sum, double min, double max) {
      this.scale = scale;
      this.zeroThreshold = zeroThreshold;
      this.zeroCount = zeroCount;
      this.offset = offset;
      this.counts = counts;
      this.count = count;
      this.sum = sum;
      this.min = min;
      this.max = max;
    }

    /** The same histogram at a scale no higher than {@code maxScale}: each bucket merges into its parent. */
    public ExponentialHistogram downscaled(int maxScale) {
      if (scale <= maxScale) {
        return this;
      }
      int shift = scale - maxScale;
      int newOffset = offset >> shift;
      long[] merged = new long[((offset + counts.length - 1) >> shift) - newOffset + 1];
      for (int i = 0; i < counts.length; i++) {
        merged[((offset + i) >> shift) - newOffset] += counts[i];
      }
      return new ExponentialHistogram(maxScale, zeroThreshold, zeroCount, newOffset, merged, count, sum, min, max);
    }
  }
}
