package dev.vigil.agent.signals;

/** One live connection pool as its library reports it; read on the exporter thread. */
public interface ConnectionPoolStats {
  String name();

  /** False once the pool was closed or collected: its series disappear. */
  boolean alive();

  /** Connections lent out, idle, the maximum and the threads waiting; negative when unreadable. */
  int used();

  int idle();

  int max();

  int pending();

  BucketHistogram waitTime();

  long timeouts();
}
