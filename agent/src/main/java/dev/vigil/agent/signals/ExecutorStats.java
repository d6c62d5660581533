package dev.vigil.agent.signals;

/** One live thread pool, read on the exporter thread. Gauges are negative when the pool cannot tell. */
public interface ExecutorStats {
  String name();

  /** "executor" for application pools, "server" for an HTTP server's worker pool. */
  String type();

  boolean alive();

  int activeThreads();

  int poolSize();

  int maxSize();

  int queueDepth();

  /** Room left in a bounded queue; negative for an unbounded one. */
  int queueRemaining();

  /** Tasks completed as the pool counts them; negative when it does not. */
  long completed();

  long rejected();

  /**
   * A pool a database driver or connection pool runs for its own upkeep (MySQL's abandoned-connection cleanup,
   * HikariCP's housekeeper): shown in the executor metrics, never ranked as saturation.
   */
  default boolean housekeeping() {
    return false;
  }

  /** Null for pools whose tasks are not timed (server worker pools). */
  BucketHistogram queueWait();

  BucketHistogram runTime();
}
