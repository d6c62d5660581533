package dev.vigil.bootstrap;

/**
 * Receives task hand-offs from executor instrumentations (ThreadPoolExecutor, ForkJoinPool, server worker pools).
 * Implemented by the agent; the no-op hands every task back unchanged.
 */
public interface ExecutorHandler {
  /** A JDK pool or a pool of a server (Jetty, Tomcat, XNIO) or a Netty event loop group, for {@link #observe}. */
  int KIND_JETTY = 1;
  int KIND_TOMCAT = 2;
  int KIND_XNIO = 3;
  int KIND_NETTY = 4;
  /** For {@link #wrap}: a ForkJoinTask is not wrapped (submit hands it back to the caller) but remembered. */
  long KEEP_FORK_JOIN_TASK = Long.MIN_VALUE;

  ExecutorHandler NOOP = new ExecutorHandler() {
    @Override
    public Object wrap(Object executor, Object task, long delayNanos) {
      return task;
    }

    @Override
    public void created(Object executor) {}

    @Override
    public void rejected(Object executor) {}

    @Override
    public void observe(Object executor, int kind) {}

    @Override
    public void forked(Object task) {}

    @Override
    public Object beforeExec(Object task) {
      return null;
    }
  };

  /**
   * The task to queue in place of {@code task} (a Runnable or Callable): a wrapper that carries the submitter's
   * context and the submit time, or {@code task} itself. {@code delayNanos}: 0 to run now, the delay of a scheduled
   * task, or negative for a periodic one (its queue wait is not recorded).
   */
  Object wrap(Object executor, Object task, long delayNanos);

  /**
   * As {@link #wrap} where the pool takes a {@code Callable} ({@code ScheduledThreadPoolExecutor.schedule(Callable, ..)}):
   * a task that is both Runnable and Callable (Reactor's) gets a Callable wrapper.
   */
  default Object wrapCallable(Object executor, Object task, long delayNanos) {
    return wrap(executor, task, delayNanos);
  }

  /** A pool was constructed (names it after the creating class when nothing better is known). */
  void created(Object executor);

  /** The pool rejected a task. */
  void rejected(Object executor);

  /** A server's worker pool was used: found on first use, read on scrape. */
  void observe(Object executor, int kind);

  /** A ForkJoinTask is about to be queued (fork, external submit): remember the context to run it under. */
  void forked(Object task);

  /** A ForkJoinTask starts running: attaches what {@link #forked} remembered; the token goes to ContextCarrier.restore. */
  Object beforeExec(Object task);
}
