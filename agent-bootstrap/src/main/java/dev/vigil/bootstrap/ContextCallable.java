package dev.vigil.bootstrap;

import java.util.concurrent.Callable;

/** The Callable form of {@link ContextRunnable}: the submitter's context around the call, queue wait and run time. */
public final class ContextCallable<V> implements Callable<V> {
  private final Callable<V> task;
  private final Object context;
  private final long dueNanos;
  private final TaskTimer timer;

  public ContextCallable(Callable<V> task, Object context, long dueNanos, TaskTimer timer) {
    this.task = task;
    this.context = context;
    this.dueNanos = dueNanos;
    this.timer = timer;
  }

  @Override
  public V call() throws Exception {
    long start = timer == null ? 0 : System.nanoTime();
    Object token = context == null ? null : Bridge.context().attach(context);
    try {
      return task.call();
    } finally {
      if (token != null) {
        Bridge.context().restore(token);
      }
      if (timer != null) {
        timer.ran(dueNanos, start, System.nanoTime());
      }
    }
  }

  public Callable<V> task() {
    return task;
  }

  @Override
  public String toString() {
    return task.toString();
  }
}
