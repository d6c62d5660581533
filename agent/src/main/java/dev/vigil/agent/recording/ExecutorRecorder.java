package dev.vigil.agent.recording;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.ExecutorStats;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ContextCallable;
import dev.vigil.bootstrap.ContextRunnable;
import dev.vigil.bootstrap.ExecutorHandler;
import dev.vigil.bootstrap.TaskTimer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Task hand-offs: wraps each queued task with the submitter's context and due time, and keeps one {@link ExecutorPool}
 * per pool (held weakly; past {@code maxPools} new pools share the {@code _other} series; the agent's own pools are not
 * tracked). ForkJoinTasks, which cannot be wrapped, carry their context in a weak map from fork to exec.
 */
public final class ExecutorRecorder implements ExecutorHandler {
  static final String OTHER = "_other";
  private static final int MAP_CAP = 4_096;
  private final int maxPools;
  private final WeakIdentityMap<Object, ExecutorPool> byExecutor = new WeakIdentityMap<>(MAP_CAP);
  private final ForkedContexts forked = new ForkedContexts();
  private final ExecutorPool other = new ExecutorPool(new Object(), OTHER, "executor", null, true);
  /** Marks an executor that is known and not tracked (the agent's own). */
  private final ExecutorPool untracked = new ExecutorPool(new Object(), "", "", null, false);
  private volatile ExecutorPool[] live = new ExecutorPool[0];
  private volatile boolean otherUsed;

  public ExecutorRecorder(int maxPools) {
    this.maxPools = maxPools;
  }

  @Override
  public Object wrap(Object executor, Object task, long delayNanos) {
    return wrap(executor, task, delayNanos, false);
  }

  @Override
  public Object wrapCallable(Object executor, Object task, long delayNanos) {
    return wrap(executor, task, delayNanos, true);
  }

  private Object wrap(Object executor, Object task, long delayNanos, boolean callable) {
    if (task instanceof ContextRunnable || task instanceof ContextCallable) {
      return task;
    }
    if (delayNanos == KEEP_FORK_JOIN_TASK) {
      if (task instanceof ForkJoinTask) {
        forked.put(task);
        return task;
      }
      delayNanos = 0;
    }
    if (executor instanceof ThreadPoolExecutor && !holdsAnyRunnable((ThreadPoolExecutor) executor)) {
      return task;
    }
    ExecutorPool pool = executor instanceof ThreadPoolExecutor || executor instanceof ForkJoinPool
        ? pool(executor, 0, null) : null;
    TaskTimer timer = pool == null || pool == untracked ? null : pool;
    Object context = Bridge.context().capture();
    if (context == null && timer == null) {
      return task;
    }
    long due = delayNanos < 0 ? 0 : System.nanoTime() + delayNanos;
    if (task instanceof Runnable && !(callable && task instanceof Callable)) {
      return ContextRunnable.of((Runnable) task, context, due, timer);
    }
    if (task instanceof Callable) {
      return new ContextCallable<>((Callable<?>) task, context, due, timer);
    }
    return task;
  }

  /**
   * Whether the pool's queue takes a wrapper in place of the application's task. A PriorityBlockingQueue compares its
   * tasks and a custom queue may cast them: such pools get no wrapper (no context, no queue wait), never an exception.
   * The scheduled pool wraps inside its own futures instead.
   */
  private static boolean holdsAnyRunnable(ThreadPoolExecutor executor) {
    if (executor instanceof ScheduledThreadPoolExecutor) {
      return true;
    }
    Class<?> queue = executor.getQueue().getClass();
    return queue == LinkedBlockingQueue.class || queue == ArrayBlockingQueue.class || queue == SynchronousQueue.class
        || queue == LinkedTransferQueue.class || queue == LinkedBlockingDeque.class;
  }

  @Override
  public void created(Object executor) {
    pool(executor, 0, ExecutorNames.callers());
  }

  @Override
  public void rejected(Object executor) {
    ExecutorPool p = pool(executor, 0, null);
    if (p != untracked) {
      p.reject();
    }
  }

  @Override
  public void observe(Object executor, int kind) {
    if (byExecutor.get(executor) == null) {
      pool(executor, kind, null);
    }
  }

  @Override
  public void forked(Object task) {
    forked.put(task);
  }

  @Override
  public Object beforeExec(Object task) {
    return forked.attach(task);
  }

  /** Live pools (and _other once used), for the metrics producers. */
  public List<ExecutorStats> pools() {
    List<ExecutorStats> out = new ArrayList<>();
    boolean dead = false;
    for (ExecutorPool p : live) {
      if (p.alive()) {
        out.add(p);
      } else {
        dead = true;
      }
    }
    if (dead) {
      prune();
    }
    if (otherUsed) {
      out.add(other);
    }
    return out;
  }

  private ExecutorPool pool(Object executor, int kind, List<String> callers) {
    ExecutorPool p = byExecutor.get(executor);
    return p != null ? p : register(executor, kind, callers);
  }

  private synchronized ExecutorPool register(Object executor, int kind, List<String> callers) {
    ExecutorPool p = byExecutor.get(executor);
    if (p != null) {
      return p;
    }
    try {
      List<String> stack = callers != null ? callers : ExecutorNames.callers();
      if (ExecutorNames.agentOwned(stack)) {
        p = untracked;
      } else if (prune() >= maxPools) {
        otherUsed = true;
        p = other;
      } else {
        p = newPool(executor, kind, stack);
        ExecutorPool[] next = Arrays.copyOf(live, live.length + 1);
        next[live.length] = p;
        live = next;
      }
    } catch (Throwable t) {
      AgentLog.once(AgentLog.Level.WARN, "executor-register", "cannot read a thread pool; it is not tracked", t);
      p = untracked;
    }
    byExecutor.put(executor, p);
    return p;
  }

  private ExecutorPool newPool(Object executor, int kind, List<String> stack) {
    PoolGauges gauges;
    String frameworkName = null;
    String type = "executor";
    Object gauged = executor;
    if (kind == KIND_JETTY) {
      gauges = PoolGauges.jetty(executor.getClass());
      frameworkName = ExecutorNames.clean(String.valueOf(PoolGauges.call(executor, "getName")));
      frameworkName = frameworkName == null ? "jetty" : frameworkName; // Jetty's default name is qtp + a hash code
      type = "server";
    } else if (kind == KIND_TOMCAT) {
      gauges = PoolGauges.tomcat(executor.getClass());
      type = "server";
    } else if (kind == KIND_XNIO) {
      gauged = PoolGauges.call(executor, "getMXBean"); // the worker holds it: it lives as long as the worker
      gauges = PoolGauges.xnio(gauged);
      frameworkName = String.valueOf(PoolGauges.call(executor, "getName"));
      type = "server";
    } else if (kind == KIND_NETTY) {
      gauges = PoolGauges.NETTY;
    } else if (executor instanceof ScheduledThreadPoolExecutor) {
      gauges = PoolGauges.SCHEDULED;
    } else {
      gauges = executor instanceof ForkJoinPool ? PoolGauges.FORK_JOIN : PoolGauges.THREAD_POOL;
    }
    String name = unique(ExecutorNames.name(executor, frameworkName, stack));
    return new ExecutorPool(gauged, name, type, gauges, kind == 0, kind == 0 && ExecutorNames.housekeeping(stack));
  }

  private String unique(String name) {
    String candidate = name;
    for (int i = 2; taken(candidate); i++) {
      candidate = name + "#" + i;
    }
    return candidate;
  }

  private boolean taken(String name) {
    for (ExecutorPool p : live) {
      if (p.name.equals(name) && p.alive()) {
        return true;
      }
    }
    return false;
  }

  /** Drops collected pools; returns how many are left. */
  private synchronized int prune() {
    int alive = 0;
    for (ExecutorPool p : live) {
      alive += p.alive() ? 1 : 0;
    }
    if (alive != live.length) {
      live = Arrays.stream(live).filter(ExecutorPool::alive).toArray(ExecutorPool[]::new);
    }
    return alive;
  }
}
