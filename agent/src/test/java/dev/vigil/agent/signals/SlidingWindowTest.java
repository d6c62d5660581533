package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  @Test
  void percentilesOfAUniformSpreadAreWithinTwoSignificantDigits() {
    SlidingWindow w = new SlidingWindow(6, 1, 0);
    for (int ms = 1; ms <= 1000; ms++) {
      w.record(ms * MS);
    }
    SlidingWindow.Snapshot s = w.snapshot(SECOND, new long[] {1000});
    assertThat(s.count).isEqualTo(1000);
    assertThat(w.percentileSeconds(50)).isCloseTo(0.500, offset(0.005));
    assertThat(w.percentileSeconds(90)).isCloseTo(0.900, offset(0.009));
    assertThat(w.percentileSeconds(99)).isCloseTo(0.990, offset(0.010));
    assertThat(w.percentileSeconds(100)).isCloseTo(1.000, offset(0.010));
  }

  @Test
  void emptyWindowHasNoPercentile() {
    SlidingWindow w = new SlidingWindow(6, 1, 0);
    assertThat(w.snapshot(SECOND, new long[] {0}).quantileSeconds[2]).isNaN();
  }

  @Test
  void valuesOutsideTheTrackableRangeAreClampedNotThrown() {
    SlidingWindow w = new SlidingWindow(6, 1, 0);
    w.record(0);
    w.record(-5);
    w.record(Long.MAX_VALUE);
    SlidingWindow.Snapshot s = w.snapshot(SECOND, new long[] {3});
    assertThat(s.count).isEqualTo(3);
    assertThat(w.percentileSeconds(100)).isCloseTo(SlidingWindow.HIGHEST_MICROS / 1e6, offset(40.0));
  }

  @Test
  void oldSlotsLeaveTheWindowAndCounterDeltasFollow() {
    SlidingWindow w = new SlidingWindow(6, 1, 0);
    long now = 0;
    for (int i = 0; i < 10; i++) {
      w.record(10 * MS);
    }
    now += 10 * SECOND;
    w.advance(now, new long[] {10}); // slot 1 starts after 10 requests
    for (int i = 0; i < 5; i++) {
      w.record(20 * MS);
    }
    SlidingWindow.Snapshot s = w.snapshot(now + SECOND, new long[] {15});
    assertThat(s.count).isEqualTo(15);
    assertThat(s.counterDeltas[0]).isEqualTo(15);
    assertThat(s.spanNanos).isEqualTo(11 * SECOND);

    for (int tick = 2; tick <= 6; tick++) {
      now += 10 * SECOND;
      w.advance(now, new long[] {15});
    }
    // Six ticks later the first slot has been reused: only the five 20 ms requests remain.
    s = w.snapshot(now, new long[] {15});
    assertThat(s.count).isEqualTo(5);
    assertThat(s.counterDeltas[0]).isEqualTo(5);
    assertThat(w.percentileSeconds(50)).isCloseTo(0.020, offset(0.0005));
    assertThat(s.spanNanos).isEqualTo(50 * SECOND);

    now += 10 * SECOND;
    w.advance(now, new long[] {15});
    s = w.snapshot(now, new long[] {15});
    assertThat(s.count).isZero();
    assertThat(s.counterDeltas[0]).isZero();
  }

  @Test
  void summaryRateAndApdexComeFromTheWindow() {
    EndpointStats stats = new EndpointStats("GET", "/x", 100 * MS, 6);
    for (int i = 0; i < 30; i++) {
      stats.complete(10 * MS, 200, null);
    }
    SlidingWindow w = stats.windowOrNull();
    assertThat(w).isNotNull();
    long start = System.nanoTime();
    SlidingWindow.Snapshot s = w.snapshot(start, stats.countersNow());
    assertThat(s.counterDeltas[EndpointStats.REQUESTS]).isEqualTo(30);
    assertThat(s.counterDeltas[EndpointStats.SATISFIED]).isEqualTo(30);
  }
}
