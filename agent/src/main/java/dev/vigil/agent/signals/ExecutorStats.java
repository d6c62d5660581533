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

  /** Null for pools whose tasks are not timed (server worker pools). */
  BucketHistogram queueWait();

  BucketHistogram runTime();
}
