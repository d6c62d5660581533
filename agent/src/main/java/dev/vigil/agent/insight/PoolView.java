package dev.vigil.agent.insight;

/**
 * A bounded resource as the API and the rules see it: a connection pool ({@code pending} = threads waiting for a
 * connection, {@code waitP99Ms} = time to get one), or an executor or server worker pool ({@code pending} = queued
 * tasks, {@code waitP99Ms} = time in the queue). Counts are negative when the library cannot tell.
 */
final class PoolView {
  static final String CONNECTION_POOL = "connection_pool";
  static final String EXECUTOR = "executor";
  static final String SERVER = "server";

  final String name;
  final String kind;
  final long active;
  final long idle;
  final long max;
  final long pending;
  /** Milliseconds; NaN when nothing waited lately or the pool does not time waits. */
  final double waitP99Ms;

  PoolView(String name, String kind, long active, long idle, long max, long pending, double waitP99Ms) {
    this.name = name;
    this.kind = kind;
    this.active = active;
    this.idle = idle;
    this.max = max;
    this.pending = pending;
    this.waitP99Ms = waitP99Ms;
  }

  /** Busy over capacity, 0 to 1; NaN when either is unknown. */
  double utilization() {
    return active < 0 || max <= 0 ? Double.NaN : Math.min(1.0, (double) active / max);
  }
}
