package dev.vigil.agent.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.agent.support.CapturedStderr;
import dev.vigil.agent.tracing.TraceSampling;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CpuBudgetTest {
  private static final long SECOND = 1_000_000_000L;

  @AfterEach
  void resetRatio() {
    TraceSampling.setRatio(1.0);
  }

  @Test
  void overTheBudgetTheRatioDropsInProportion() {
    assertThat(CpuBudget.nextRate(0.02, 0.07, 0.09, 0.08, 1.0, 1.0)).isEqualTo(0.2); // 0.8 * 0.02 / 0.08
    assertThat(CpuBudget.nextRate(0.02, 0.5, 0.7, 0.6, 1.0, 1.0)).as("at most tenfold").isEqualTo(0.1);
    assertThat(CpuBudget.nextRate(0.02, 0.021, 0.023, 0.022, 1.0, 1.0)).as("aims at 0.8 of it").isEqualTo(0.727);
    assertThat(CpuBudget.nextRate(0.02, 0.5, 0.7, 0.6, 0.005, 1.0)).as("below 0.001: none").isEqualTo(0.0);
  }

  @Test
  void withRoomTheRatioRisesToItsCeiling() {
    assertThat(CpuBudget.nextRate(0.02, 0.001, 0.01, 0.005, 0.2, 1.0)).isEqualTo(0.3);
    assertThat(CpuBudget.nextRate(0.02, 0.001, 0.01, 0.005, 0.8, 1.0)).isEqualTo(1.0);
    assertThat(CpuBudget.nextRate(0.02, 0.001, 0.01, 0.005, 0.0, 1.0)).isEqualTo(CpuBudget.MIN_RATE);
    assertThat(CpuBudget.nextRate(0.02, 0.001, 0.01, 0.005, 0.5, 0.5)).as("the ceiling").isEqualTo(0.5);
  }

  @Test
  void anUncertainEstimateHoldsTheRatio() {
    assertThat(CpuBudget.nextRate(0.02, 0.005, 0.03, 0.019, 0.5, 1.0)).as("under, interval wide").isEqualTo(0.5);
    assertThat(CpuBudget.nextRate(0.02, 0.01, 0.04, 0.025, 0.5, 1.0)).as("over, low end well under").isEqualTo(0.5);
  }

  @Test
  void adjustSetsTheRatioLogsEachChangeOnceAndTakesAJmxRatioAsItsCeiling() {
    CpuBudget budget = new CpuBudget(0.02);
    ShareEstimate estimate = new ShareEstimate();
    try (CapturedStderr err = CapturedStderr.start()) {
      estimate.add(new CpuWindow(10 * SECOND, SECOND, 0, 0, 0)); // agent threads alone: 10%
      budget.adjust(estimate, 10_000);
      assertThat(TraceSampling.ratio()).isCloseTo(0.16, within(1e-9));
      assertThat(estimate.windows()).as("windows at the old ratio are forgotten").isZero();
      estimate.add(new CpuWindow(10 * SECOND, SECOND / 10, 0, 0, 0)); // 1%: still above 0.7 * 2%? no: room
      budget.adjust(estimate, 10_000);
      assertThat(TraceSampling.ratio()).isCloseTo(0.24, within(1e-9));
      estimate.add(new CpuWindow(10 * SECOND, SECOND / 6, 0, 0, 0)); // 1.7%: hold
      budget.adjust(estimate, 10_000);
      assertThat(TraceSampling.ratio()).isCloseTo(0.24, within(1e-9));

      TraceSampling.setRatio(0.1); // over JMX
      budget.adjust(estimate, 10_000);
      estimate.add(new CpuWindow(10 * SECOND, 0, 0, 0, 0));
      budget.adjust(estimate, 10_000);
      assertThat(TraceSampling.ratio()).as("the JMX ratio is the ceiling").isEqualTo(0.1);

      assertThat(err.lines()).containsExactly(
          "[vigil] INFO trace sampling lowered from 1 to 0.16: the agent used 10.00% of the process's CPU over the last"
              + " 10 s (vigil.overhead.max_cpu 2.00%)",
          "[vigil] INFO trace sampling raised from 0.16 to 0.24: the agent used 1.00% of the process's CPU over the last"
              + " 10 s (vigil.overhead.max_cpu 2.00%)",
          "[vigil] INFO trace sampling ratio 0.1 (set over JMX) is the CPU budget's new ceiling");
    }
  }

  @Test
  void saysOnceWhenMetricsAloneExceedTheBudget() {
    TraceSampling.setRatio(0.0);
    CpuBudget budget = new CpuBudget(0.02);
    ShareEstimate estimate = new ShareEstimate();
    try (CapturedStderr err = CapturedStderr.start()) {
      for (int i = 0; i < 3; i++) {
        estimate.add(new CpuWindow(10 * SECOND, SECOND, 0, 0, 0));
        budget.adjust(estimate, 10_000);
      }
      assertThat(TraceSampling.ratio()).isZero();
      assertThat(err.lines()).hasSize(1).allMatch(l -> l.contains("no new trace sampled, above vigil.overhead.max_cpu"));
    }
  }
}
