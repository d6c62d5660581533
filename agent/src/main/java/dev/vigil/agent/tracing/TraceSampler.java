package dev.vigil.agent.tracing;

/**
 * The sampling decision of {@code OTEL_TRACES_SAMPLER}'s samplers (always_on, always_off, traceidratio and their
 * parentbased_ forms) from the parent and the trace id alone: no attributes, no objects. The ratio test is the
 * OpenTelemetry SDK's (the trace id's lower 64 bits against the ratio), so services that sample at one ratio keep or
 * drop the same traces. New root traces are then thinned by the ratio set at run time ({@link TraceSampling}): a
 * trace is never cut in the middle.
 */
final class TraceSampler {
  private final boolean parentBased;
  /** Roots (every span when not parent-based) are kept when |trace id's low 64 bits| is below this. */
  private final long rootBound;
  private final String description;

  private TraceSampler(boolean parentBased, long rootBound, String description) {
    this.parentBased = parentBased;
    this.rootBound = rootBound;
    this.description = description;
  }

  static TraceSampler alwaysOn() {
    return new TraceSampler(false, Long.MAX_VALUE, "always_on");
  }

  static TraceSampler alwaysOff() {
    return new TraceSampler(false, Long.MIN_VALUE, "always_off");
  }

  static TraceSampler traceIdRatio(double ratio) {
    return new TraceSampler(false, bound(ratio), "traceidratio " + ratio);
  }

  /** {@code root}: what decides for spans without a parent. */
  static TraceSampler parentBased(TraceSampler root) {
    return new TraceSampler(true, root.rootBound, "parentbased_" + root.description);
  }

  /** Whether a span is sampled: {@code hasParent} when a valid parent span context exists. */
  boolean sample(boolean hasParent, boolean parentSampled, long traceIdLow) {
    if (hasParent && parentBased) {
      return parentSampled;
    }
    if (!keeps(rootBound, traceIdLow)) {
      return false;
    }
    if (hasParent) {
      return true;
    }
    double ratio = TraceSampling.ratio();
    return ratio >= 1.0 || keeps(bound(ratio), traceIdLow);
  }

  private static boolean keeps(long bound, long traceIdLow) {
    return Math.abs(traceIdLow) < bound;
  }

  private static long bound(double ratio) {
    if (ratio <= 0.0) {
      return Long.MIN_VALUE;
    }
    return ratio >= 1.0 ? Long.MAX_VALUE : (long) (ratio * Long.MAX_VALUE);
  }

  @Override
  public String toString() {
    return description;
  }
}
