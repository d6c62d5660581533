package dev.vigil.agent.signals;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * Latency distribution and counter deltas over the last {@code slots} ticks. App threads record into an HdrHistogram
 * {@link Recorder} (lock-free, no allocation); readers (the ticker and scrapes, never app threads) drain it into the
 * current slot, kept as a compact {@link PackedHistogram}. At each tick the cumulative counters are remembered, so a
 * window delta is "now minus the snapshot taken when the oldest slot began". Values are microseconds, 2 significant
 * digits, clamped to one hour.
 */
final class SlidingWindow {
  static final long HIGHEST_MICROS = 3_600_000_000L;
  private static final int DIGITS = 2;

  private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, DIGITS);
  private final PackedHistogram[] slots;
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
    slots[current].add(recycle);
  }

  /** Ticker: the oldest slot leaves the window and becomes the current one, starting at these counter values. */
  synchronized void advance(long nowNanos, long[] countersNow) {
    drain();
    current = (current + 1) % slots.length;
    slots[current].reset();
    System.arraycopy(countersNow, 0, countersAtStart[current], 0, countersNow.length);
    startNanos[current] = nowNanos;
  }

  /** Reader: the whole window, fresh up to now. */
  synchronized Snapshot snapshot(long nowNanos, long[] countersNow) {
    drain();
    Histogram merged = new Histogram(1, HIGHEST_MICROS, DIGITS);
    for (PackedHistogram slot : slots) {
      merged.add(slot);
    }
    int oldest = (current + 1) % slots.length;
    long[] deltas = new long[countersNow.length];
    for (int i = 0; i < deltas.length; i++) {
      deltas[i] = countersNow[i] - countersAtStart[oldest][i];
    }
    return new Snapshot(merged, deltas, Math.max(1, nowNanos - startNanos[oldest]));
  }

  static final class Snapshot {
    final Histogram latencyMicros;
    final long[] counterDeltas;
    final long spanNanos;

    Snapshot(Histogram latencyMicros, long[] counterDeltas, long spanNanos) {
      this.latencyMicros = latencyMicros;
      this.counterDeltas = counterDeltas;
      this.spanNanos = spanNanos;
    }

    /** Seconds at the given percentile (0-100), or NaN when the window is empty. */
    double percentileSeconds(double percentile) {
      return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1e6;
    }
  }
}
