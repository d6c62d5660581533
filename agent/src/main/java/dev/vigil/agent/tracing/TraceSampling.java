package dev.vigil.agent.tracing;

/**
 * The trace sampling ratio in force, changeable at run time (JMX dev.vigil:type=Agent). The tracer's sampler reads
 * {@link #ratio()} for each new root trace, so a change applies to the next request.
 */
public final class TraceSampling {
  private static volatile double ratio = 1.0;

  private TraceSampling() {}

  public static double ratio() {
    return ratio;
  }

  /** Sets the ratio, 0 (no new trace) to 1 (every trace); IllegalArgumentException outside. */
  public static void setRatio(double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException("sampling ratio must be between 0 and 1, not " + value);
    }
    ratio = value;
  }
}
