package dev.vigil.bootstrap;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link ContextRunnable} around a RunnableFuture (a submitted task) that still answers as that Future. */
final class ContextFuture extends ContextRunnable implements RunnableFuture<Object> {
  ContextFuture(Runnable task, Object context, long dueNanos, TaskTimer timer) {
    super(task, context, dueNanos, timer);
  }

  @SuppressWarnings("unchecked")
  private RunnableFuture<Object> future() {
    return (RunnableFuture<Object>) task;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return future().cancel(mayInterruptIfRunning);
  }

  @Override
  public boolean isCancelled() {
    return future().isCancelled();
  }

  @Override
  public boolean isDone() {
    return future().isDone();
  }

  @Override
  public Object get() throws InterruptedException, ExecutionException {
    return future().get();
  }

  @Override
  public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    return future().get(timeout, unit);
  }
}
