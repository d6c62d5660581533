package dev.vigil.bootstrap;

import java.util.concurrent.Callable;

/**
 * A task that is both a Runnable and a Callable (Reactor's scheduler tasks) wrapped as both: the pool may have taken
 * it through either signature ({@code schedule(Callable, ...)} or {@code schedule(Runnable, ...)}), and either way
 * the submitter's context is around it.
 */
public final class ContextRunnableCallable<V> extends ContextRunnable implements Callable<V> {
  private final Callable<V> callable;

  @SuppressWarnings("unchecked")
  ContextRunnableCallable(Runnable task, Object context, long dueNanos, TaskTimer timer) {
    super(task, context, dueNanos, timer);
    this.callable = (Callable<V>) task;
  }

  @Override
  public V call() throws Exception {
    long start = timer == null ? 0 : System.nanoTime();
    Object token = attach(context);
    try {
      return callable.call();
    } finally {
      done(token, timer, dueNanos, start);
    }
  }
}
