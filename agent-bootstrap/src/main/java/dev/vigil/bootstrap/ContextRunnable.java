package dev.vigil.bootstrap;

import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * A queued task with the submitter's context and its due time: attaches the context around the run (restoring the
 * thread's own afterwards, so a pooled thread keeps nothing) and reports queue wait and run time. Equality stays the
 * task's own: pools find and remove it through {@link #unwrap} and {@link #queued}.
 */
public class ContextRunnable implements Runnable {
  final Runnable task;
  final Object context;
  final long dueNanos;
  final TaskTimer timer;

  ContextRunnable(Runnable task, Object context, long dueNanos, TaskTimer timer) {
    this.task = task;
    this.context = context;
    this.dueNanos = dueNanos;
    this.timer = timer;
  }

  /** A wrapper for {@code task}; keeps Future-ness (TPE.purge and afterExecute idioms test {@code instanceof Future}). */
  public static Runnable of(Runnable task, Object context, long dueNanos, TaskTimer timer) {
    if (task instanceof java.util.concurrent.RunnableFuture) {
      return new ContextFuture(task, context, dueNanos, timer);
    }
    return new ContextRunnable(task, context, dueNanos, timer);
  }

  @Override
  public void run() {
    long start = timer == null ? 0 : System.nanoTime();
    Object token = attach(context);
    try {
      task.run();
    } finally {
      done(token, timer, dueNanos, start);
    }
  }

  /** Attaches a captured context; an agent failure never stops the task: it then runs without it. */
  static Object attach(Object context) {
    if (context == null) {
      return null;
    }
    try {
      return Bridge.context().attach(context);
    } catch (Throwable t) {
      AdviceErrors.report(t, "executors task wrapper");
      return null;
    }
  }

  /** Restores the thread's context and records the timings; never throws over the task's own outcome. */
  static void done(Object token, TaskTimer timer, long dueNanos, long startNanos) {
    try {
      if (token != null) {
        Bridge.context().restore(token);
      }
      if (timer != null) {
        timer.ran(dueNanos, startNanos, System.nanoTime());
      }
    } catch (Throwable t) {
      AdviceErrors.report(t, "executors task wrapper");
    }
  }

  public Runnable task() {
    return task;
  }

  @Override
  public String toString() {
    return task.toString();
  }

  /** The application's own task behind a wrapper (anything else unchanged). */
  public static Runnable unwrap(Runnable r) {
    return r instanceof ContextRunnable ? ((ContextRunnable) r).task : r;
  }

  /** Replaces wrappers in a list (shutdownNow's result) by the application's tasks. */
  public static void unwrapAll(List<Runnable> tasks) {
    if (tasks == null) {
      return;
    }
    for (int i = 0; i < tasks.size(); i++) {
      Runnable r = tasks.get(i);
      if (r instanceof ContextRunnable) {
        tasks.set(i, ((ContextRunnable) r).task);
      }
    }
  }

  /** The queued wrapper of {@code task}, so that {@code queue.remove} finds it; {@code task} when none wraps it. */
  public static Runnable queued(BlockingQueue<Runnable> queue, Runnable task) {
    if (task == null || task instanceof ContextRunnable || queue == null || queue.isEmpty()) {
      return task;
    }
    for (Runnable r : queue) {
      if (r instanceof ContextRunnable && ((ContextRunnable) r).task == task) {
        return r;
      }
    }
    return task;
  }
}
