package dev.vigil.bootstrap;

/** Receives connection pool events from pool instrumentations (HikariCP). Implemented by the agent. */
public interface ConnectionPoolHandler {
  ConnectionPoolHandler NOOP = new ConnectionPoolHandler() {
    @Override
    public void started(Object pool, String name, Object config) {}

    @Override
    public void closed(Object pool) {}

    @Override
    public void acquired(Object pool, long startNanos, Throwable error) {}
  };

  /** A pool was built; {@code config} is the library's configuration object (read for the pool's maximum size). */
  void started(Object pool, String name, Object config);

  /** A pool was shut down: its series disappear. */
  void closed(Object pool);

  /** A borrow that began at {@code startNanos} (System.nanoTime) returned a connection, or failed with {@code error}. */
  void acquired(Object pool, long startNanos, Throwable error);
}
