package dev.vigil.agent.insight;

import dev.vigil.agent.signals.EndpointSummary;
import java.util.Arrays;

/**
 * The last {@link #MINUTES} per-minute samples of one endpoint, in preallocated arrays (a ring): start of the minute,
 * rate, error %, p50/p90/p99/p99.9 and in-flight. One long and seven floats a minute: 2,160 bytes of samples per
 * endpoint, about 2.5 KB with the array headers, whatever the traffic. Written by the ticker, read by API requests.
 */
final class RouteHistory {
  static final int MINUTES = 60;
  static final int RATE = 0;
  static final int ERROR_PCT = 1;
  static final int P50 = 2;
  static final int P90 = 3;
  static final int P99 = 4;
  static final int P999 = 5;
  static final int IN_FLIGHT = 6;
  private static final int SIGNALS = 7;

  private final long[] minuteMs = new long[MINUTES];
  private final float[][] values = new float[SIGNALS][MINUTES];
  private int next;
  private int size;

  /** Ticker: one minute's sample; NaN stands for "no request in that minute". */
  synchronized void add(long minuteStartMs, EndpointSummary s) {
    minuteMs[next] = minuteStartMs;
    values[RATE][next] = (float) s.ratePerSecond;
    values[ERROR_PCT][next] = (float) (s.errorRatio * 100);
    for (int q = 0; q < 4; q++) {
      values[P50 + q][next] = (float) (s.quantileSeconds[q] * 1000);
    }
    values[IN_FLIGHT][next] = s.inFlight;
    next = (next + 1) % MINUTES;
    size = Math.min(MINUTES, size + 1);
  }

  /** For tests: a sample from raw values (rate, error %, p50, p90, p99, p99.9, in flight). */
  synchronized void add(long minuteStartMs, double... signals) {
    minuteMs[next] = minuteStartMs;
    for (int i = 0; i < SIGNALS; i++) {
      values[i][next] = i < signals.length ? (float) signals[i] : Float.NaN;
    }
    next = (next + 1) % MINUTES;
    size = Math.min(MINUTES, size + 1);
  }

  synchronized int size() {
    return size;
  }

  synchronized long lastMinuteMs() {
    return size == 0 ? 0 : minuteMs[(next - 1 + MINUTES) % MINUTES];
  }

  /** The newest {@code n} minutes (fewer when not yet recorded), oldest first. */
  synchronized Series last(int n) {
    int count = Math.min(n, size);
    long[] minutes = new long[count];
    double[][] out = new double[SIGNALS][count];
    int start = (next - count + MINUTES) % MINUTES;
    for (int i = 0; i < count; i++) {
      int at = (start + i) % MINUTES;
      minutes[i] = minuteMs[at];
      for (int sig = 0; sig < SIGNALS; sig++) {
        out[sig][i] = values[sig][at];
      }
    }
    return new Series(minutes, out);
  }

  /** A copy of some minutes, oldest first. */
  static final class Series {
    final long[] minuteMs;
    final double[][] values;

    Series(long[] minuteMs, double[][] values) {
      this.minuteMs = minuteMs;
      this.values = values;
    }

    double[] of(int signal) {
      return values[signal];
    }

    int size() {
      return minuteMs.length;
    }

    @Override
    public String toString() {
      return Arrays.toString(minuteMs);
    }
  }
}
