package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Base2Exponential;
import dev.vigil.exporter.model.Point;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An HdrHistogram as a base-2 exponential histogram: the highest scale at which the populated range fits
 * {@link #MAX_BUCKETS} buckets (the OpenTelemetry SDK's default), each Hdr bucket counted at its highest equivalent
 * value (the value Hdr reports percentiles at). Hdr keeps 2 significant digits, so at high scales an exponential
 * bucket is finer than the recording and some stay empty.
 */
final class HdrToExponential {
  static final int MAX_BUCKETS = 160;

  private HdrToExponential() {}

  /** {@code unit} converts recorded values to the exported unit (1e-6 for microseconds to seconds); null if empty. */
  static Point.ExponentialHistogram convert(AbstractHistogram hdr, double unit) {
    long count = hdr.getTotalCount();
    if (count == 0) {
      return null;
    }
    double min = hdr.highestEquivalentValue(hdr.getMinValue()) * unit;
    double max = hdr.highestEquivalentValue(hdr.getMaxValue()) * unit;
    int scale = Base2Exponential.scaleFor(min, max, MAX_BUCKETS);
    int offset = Base2Exponential.index(min, scale);
    long[] counts = new long[Base2Exponential.index(max, scale) - offset + 1];
    double sum = 0;
    for (HistogramIterationValue v : hdr.recordedValues()) {
      double value = hdr.highestEquivalentValue(v.getValueIteratedTo()) * unit;
      counts[Base2Exponential.index(value, scale) - offset] += v.getCountAtValueIteratedTo();
      sum += hdr.medianEquivalentValue(v.getValueIteratedTo()) * unit * v.getCountAtValueIteratedTo();
    }
    // min and max as the buckets see them, so each lies in a populated bucket.
    return new Point.ExponentialHistogram(scale, 0, 0, offset, counts, count, sum, min, max);
  }
}
