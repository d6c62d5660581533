package dev.vigil.agent.overhead;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.tracing.TraceSampling;
import java.util.Locale;

/**
 * Keeps the agent's CPU under {@code vigil.overhead.max_cpu} by moving the trace sampling ratio ({@link TraceSampling},
 * which thins new root traces; metrics are never touched). Over the budget (and the low end of the
 * {@link ShareEstimate}'s interval above {@value #ROOM} of it), the ratio drops in proportion, as if the agent's cost
 * were all traces, aiming at {@value #AIM} of the budget; when the whole interval is below {@value #ROOM} of the budget,
 * the ratio rises {@value #RAISE}× up to its ceiling: the ratio in force when the budget started, or the one set over
 * JMX since. In between it holds, so noise alone does not move it. Each change is logged once.
 */
final class CpuBudget {
  static final double AIM = 0.8;
  static final double ROOM = 0.7;
  static final double RAISE = 1.5;
  /** Below this the ratio goes to 0 (no new trace); from 0 it restarts here. */
  static final double MIN_RATE = 0.001;
  private final double max;
  private double ceiling;
  private double lastSet;
  private boolean unreachableLogged;

  CpuBudget(double max) {
    this.max = max;
    this.ceiling = TraceSampling.ratio();
    this.lastSet = ceiling;
  }

  double max() {
    return max;
  }

  /** After a measured window: moves the sampling ratio when the estimate is over, or clearly under. */
  void adjust(ShareEstimate estimate, long windowMillis) {
    double current = TraceSampling.ratio();
    if (current != lastSet) { // set over JMX meanwhile: the user's ratio is the new ceiling
      ceiling = current;
      lastSet = current;
      estimate.clear();
      AgentLog.info("trace sampling ratio " + format(current) + " (set over JMX) is the CPU budget's new ceiling");
      return;
    }
    double share = estimate.share();
    double next = nextRate(max, estimate.low(), estimate.high(), share, current, ceiling);
    if (next != current) {
      TraceSampling.setRatio(next);
      lastSet = next;
      AgentLog.info("trace sampling " + (next < current ? "lowered" : "raised") + " from " + format(current) + " to "
          + format(next) + ": the agent used " + percent(share) + " of the process's CPU over the last "
          + estimate.windows() * windowMillis / 1000 + " s (vigil.overhead.max_cpu " + percent(max) + ")");
      estimate.clear();
      unreachableLogged = false;
    } else if (current == 0 && estimate.low() > max && !unreachableLogged) {
      unreachableLogged = true;
      AgentLog.warn("the agent uses " + percent(share) + " of the process's CPU with no new trace sampled, above"
          + " vigil.overhead.max_cpu " + percent(max) + ": the rest is metrics, which the budget never turns off");
    }
  }

  /**
   * The policy, without state: the next sampling ratio given the agent's share (its interval {@code low} to
   * {@code high}, point estimate {@code share}) measured at ratio {@code rate}.
   */
  static double nextRate(double max, double low, double high, double share, double rate, double ceiling) {
    if (share > max && low > ROOM * max) {
      double lowered = rate * Math.max(0.1, AIM * max / share);
      return lowered < MIN_RATE ? 0.0 : round(lowered);
    }
    if (high < ROOM * max && rate < ceiling) {
      return rate < MIN_RATE ? Math.min(ceiling, MIN_RATE) : Math.min(ceiling, round(rate * RAISE));
    }
    return rate;
  }

  /** Three significant digits: log lines and the gauge stay readable. */
  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3g", v));
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+$", "");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f%%", share * 100);
  }
}
