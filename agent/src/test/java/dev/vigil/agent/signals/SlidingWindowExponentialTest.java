package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.Point;
import org.junit.jupiter.api.Test;

class SlidingWindowExponentialTest {
  private static final long MS = 1_000_000L;

  @Test
  void theExponentialFormIsCumulativeAndOutlivesTheWindow() {
    SlidingWindow w = new SlidingWindow(6, 1, 0);
    w.record(5 * MS);
    w.record(7 * MS);
    Point.ExponentialHistogram first = w.cumulativeExponential();
    assertThat(first.count).as("starts with the window of the first ask").isEqualTo(2);
    for (int tick = 1; tick <= 7; tick++) {
      w.advance(tick * 10_000 * MS, new long[] {0}); // the first two leave the window
    }
    w.record(300 * MS);
    Point.ExponentialHistogram later = w.cumulativeExponential();
    assertThat(later.count).isEqualTo(3);
    assertThat(later.max).isBetween(0.299, 0.302);
    assertThat(later.min).isBetween(0.0049, 0.0051);
    assertThat(w.snapshot(80_000 * MS, new long[] {0}).count).as("the window alone").isEqualTo(1);
  }
}
