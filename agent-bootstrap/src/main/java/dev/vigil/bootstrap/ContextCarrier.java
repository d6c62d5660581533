package dev.vigil.bootstrap;

/**
 * Carries the application's current context (active span, baggage) across a hand-off to another thread: executor
 * instrumentations capture it where a task is submitted and attach it around the task's run. Implemented by the agent.
 */
public interface ContextCarrier {
  ContextCarrier NOOP = new ContextCarrier() {
    @Override
    public Object capture() {
      return null;
    }

    @Override
    public Object attach(Object captured) {
      return null;
    }

    @Override
    public void restore(Object token) {}
  };

  /** The calling thread's context to take along, or null when there is nothing worth carrying. */
  Object capture();

  /** Makes {@code captured} (from {@link #capture}) current on this thread; returns the token for restore, or null. */
  Object attach(Object captured);

  /** Undoes {@link #attach}: the thread's previous context is current again. Accepts null. */
  void restore(Object token);
}
