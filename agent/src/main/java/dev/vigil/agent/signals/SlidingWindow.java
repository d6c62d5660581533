package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Point;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * Latency distribution and counter deltas over the last {@code slots} ticks. App threads record into an HdrHistogram
 * {@link Recorder} (lock-free, no allocation); readers (the ticker and scrapes, never app threads) drain it into the
 * current slot, kept as a compact {@link PackedHistogram}. At each tick the cumulative counters are remembered, so a
 * window delta is "now minus the snapshot taken when the oldest slot began". Values are microseconds, 2 significant
 * digits, clamped to one hour.
 *
 * <p>A scrape must not merge every slot again: {@code window} is the running sum of the slots (each drain adds to it,
 * each tick subtracts the slot that leaves), so a snapshot reads its percentiles in place and copies no histogram.
 */
final class SlidingWindow {
  static final long HIGHEST_MICROS = 3_600_000_000L;
  private static final int DIGITS = 2;

  private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, DIGITS);
  private final PackedHistogram[] slots;
  /** The sum of all slots; int counts (one window of one endpoint stays far below 2^31 per bucket). */
  private final IntCountsHistogram window = new IntCountsHistogram(1, HIGHEST_MICROS, DIGITS);
  /**
   * Everything since the first reader asked for it (OTLP exponential histograms, a native-histogram scrape), starting
   * from the window of that moment; null until then, so an agent that never serves them pays nothing for it.
   */
  private PackedHistogram total;
  private final long[][] countersAtStart;
  private final long[] startNanos;
  private int current;
  private Histogram recycle;

  SlidingWindow(int slots, int counters, long nowNanos) {
    this.slots = new PackedHistogram[slots];
    this.countersAtStart = new long[slots][counters];
    this.startNanos = new long[slots];
    for (int i = 0; i < slots; i++) {
      this.slots[i] = new PackedHistogram(1, HIGHEST_MICROS, DIGITS);
      this.startNanos[i] = nowNanos;
    }
  }

  /** App thread: one histogram record. */
  void record(long nanos) {
    long micros = nanos / 1000;
    recorder.recordValue(micros < 1 ? 1 : Math.min(micros, HIGHEST_MICROS));
  }

  private void drain() {
    recycle = recorder.getIntervalHistogram(recycle);
    if (recycle.getTotalCount() > 0) { // an idle endpoint costs no walk over the counts
      slots[current].add(recycle);
      window.add(recycle);
      if (total != null) {
        total.add(recycle);
      }
    }
  }

  /** Ticker: the oldest slot leaves the window and becomes the current one, starting at these counter values. */
  synchronized void advance(long nowNanos, long[] countersNow) {
    drain();
    current = (current + 1) % slots.length;
    if (slots[current].getTotalCount() > 0) {
      window.subtract(slots[current]);
      slots[current].reset();
    }
    System.arraycopy(countersNow, 0, countersAtStart[current], 0, countersNow.length);
    startNanos[current] = nowNanos;
  }

  /** Reader: the whole window, fresh up to now. */
  synchronized Snapshot snapshot(long nowNanos, long[] countersNow) {
    drain();
    int oldest = (current + 1) % slots.length;
    long[] deltas = new long[countersNow.length];
    for (int i = 0; i < deltas.length; i++) {
      deltas[i] = countersNow[i] - countersAtStart[oldest][i];
    }
    long count = window.getTotalCount();
    double[] quantileSeconds = new double[EndpointSummary.QUANTILES.length];
    for (int i = 0; i < quantileSeconds.length; i++) {
      quantileSeconds[i] = percentileSeconds(EndpointSummary.QUANTILES[i] * 100);
    }
    double sumMicros = count == 0 ? 0 : window.getMean() * count;
    return new Snapshot(count, quantileSeconds, sumMicros, deltas, Math.max(1, nowNanos - startNanos[oldest]));
  }

  /** Reader: everything recorded since start, fresh up to now, as an exponential histogram in seconds. */
  synchronized Point.ExponentialHistogram cumulativeExponential() {
    drain();
    if (total == null) {
      total = new PackedHistogram(1, HIGHEST_MICROS, DIGITS);
      total.add(window);
    }
    return HdrToExponential.convert(total, 1e-6);
  }

  /** Seconds at the given percentile (0-100) of the window as last drained, or NaN when it is empty. */
  synchronized double percentileSeconds(double percentile) {
    return window.getTotalCount() == 0 ? Double.NaN : window.getValueAtPercentile(percentile) / 1e6;
  }

  /** Fraction of the window (as last drained) above {@code micros}; NaN when it is empty. */
  synchronized double fractionAbove(long micros) {
    long count = window.getTotalCount();
    if (count == 0) {
      return Double.NaN;
    }
    long atOrBelow = window.getCountBetweenValues(0, Math.min(Math.max(micros, 0), HIGHEST_MICROS));
    return Math.max(0, count - atOrBelow) / (double) count;
  }

  /** What a reader needs of the window, computed under the lock: a few numbers, no histogram. */
  static final class Snapshot {
    final long count;
    /** Seconds at each of {@link EndpointSummary#QUANTILES}; NaN when the window is empty. */
    final double[] quantileSeconds;
    final double sumMicros;
    final long[] counterDeltas;
    final long spanNanos;

    Snapshot(long count, double[] quantileSeconds, double sumMicros, long[] counterDeltas, long spanNanos) {
      this.count = count;
      this.quantileSeconds = quantileSeconds;
      this.sumMicros = sumMicros;
      this.counterDeltas = counterDeltas;
      this.spanNanos = spanNanos;
    }
  }
}
