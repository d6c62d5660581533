package dev.vigil.bootstrap;

/** Records one task's queue wait and run time for its pool. Implemented by the agent. */
public interface TaskTimer {
  /** Times from System.nanoTime; {@code dueNanos} is 0 when the queue wait is not meaningful (periodic tasks). */
  void ran(long dueNanos, long startNanos, long endNanos);
}
