package dev.vigil.agent.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ShareEstimateTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void theAgentsShareIsItsThreadsPlusItsSampledShareOfApplicationTime() {
    CpuWindow w = new CpuWindow(10 * SECOND, SECOND, 8 * SECOND, 100, 25);
    assertThat(w.agentOnApplicationNanos()).isEqualTo(2.0 * SECOND);
    assertThat(w.share()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void fewSamplesGiveAWideIntervalAndPoolingNarrowsIt() {
    ShareEstimate estimate = new ShareEstimate();
    estimate.add(new CpuWindow(10 * SECOND, 0, 10 * SECOND, 50, 1));
    assertThat(estimate.share()).isCloseTo(0.02, within(1e-9));
    double wide = estimate.high() - estimate.low();
    assertThat(estimate.low()).isLessThan(0.02);
    assertThat(estimate.high()).isGreaterThan(0.07);
    for (int i = 0; i < 5; i++) {
      estimate.add(new CpuWindow(10 * SECOND, 0, 10 * SECOND, 50, 1));
    }
    assertThat(estimate.share()).isCloseTo(0.02, within(1e-9));
    assertThat(estimate.high() - estimate.low()).isLessThan(wide / 2);
  }

  @Test
  void keepsTheLastWindowsOnly() {
    ShareEstimate estimate = new ShareEstimate();
    estimate.add(new CpuWindow(10 * SECOND, 5 * SECOND, 0, 0, 0));
    for (int i = 0; i < ShareEstimate.MAX_WINDOWS; i++) {
      estimate.add(new CpuWindow(10 * SECOND, SECOND, 0, 0, 0));
    }
    assertThat(estimate.windows()).isEqualTo(ShareEstimate.MAX_WINDOWS);
    assertThat(estimate.share()).isCloseTo(0.1, within(1e-9));
    estimate.clear();
    assertThat(estimate.share()).isZero();
  }

  @Test
  void wilsonIntervalMatchesTheFormula() {
    // 10 of 100 at z = 2: centre (0.1 + 0.02) / 1.04, spread 2 * sqrt(0.0009 + 0.0001) / 1.04
    assertThat(ShareEstimate.wilson(10, 100, -1)).isCloseTo((0.12 - 0.0632456) / 1.04, within(1e-6));
    assertThat(ShareEstimate.wilson(10, 100, 1)).isCloseTo((0.12 + 0.0632456) / 1.04, within(1e-6));
    assertThat(ShareEstimate.wilson(0, 100, -1)).isZero();
    assertThat(ShareEstimate.wilson(0, 100, 1)).isGreaterThan(0.03);
  }
}
