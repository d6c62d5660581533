package dev.vigil.loadgen;

/**
 * The open model's wall-clock plan: request {@code i} is due at {@code start + i / rate}, whatever happened to the
 * requests before it. Requests due before the warm-up ends are sent but not measured.
 */
public final class Schedule {
  private final long startNanos;
  private final double periodNanos;
  private final long warmupEndNanos;
  private final long count;

  public Schedule(long startNanos, double ratePerSecond, long warmupNanos, long durationNanos) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
    this.startNanos = startNanos;
    this.periodNanos = 1e9 / ratePerSecond;
    this.warmupEndNanos = startNanos + warmupNanos;
    this.count = (long) Math.floor((warmupNanos + durationNanos) / periodNanos);
  }

  /** The intended send time of request {@code i}: from the plan alone, never from the previous send. */
  public long intendedNanos(long i) {
    return startNanos + Math.round(i * periodNanos);
  }

  /** Requests in the whole run, warm-up included. */
  public long count() {
    return count;
  }

  public long warmupEndNanos() {
    return warmupEndNanos;
  }

  public long endNanos() {
    return startNanos + Math.round(count * periodNanos);
  }

  public boolean measured(long intendedNanos) {
    return intendedNanos >= warmupEndNanos;
  }
}
