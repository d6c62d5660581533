package dev.vigil.agent.recording;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads a pool's own counters on scrape: JDK pools directly, server pools (Jetty, Tomcat) through their public methods
 * by reflection (the agent cannot link against the application's copy). -1 when a value is unknown or unreadable.
 */
abstract class PoolGauges {
  static final int ACTIVE = 0;
  static final int SIZE = 1;
  static final int MAX = 2;
  static final int QUEUED = 3;
  static final int REMAINING = 4;
  static final int COMPLETED = 5;

  abstract long readLong(Object executor, int what);

  final int read(Object executor, int what) {
    long v = executor == null ? -1 : readLong(executor, what);
    return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
  }

  static final PoolGauges THREAD_POOL = new PoolGauges() {
    @Override
    long readLong(Object executor, int what) {
      ThreadPoolExecutor p = (ThreadPoolExecutor) executor;
      switch (what) {
        case ACTIVE: return p.getActiveCount();
        case SIZE: return p.getPoolSize();
        case MAX: return p.getMaximumPoolSize();
        case QUEUED: return p.getQueue().size();
        case REMAINING: return remaining(p.getQueue());
        case COMPLETED: return p.getCompletedTaskCount();
        default: return -1;
      }
    }
  };

  /** A scheduled pool: its queue holds every delayed task; only those already due are waiting work. */
  static final PoolGauges SCHEDULED = new PoolGauges() {
    @Override
    long readLong(Object executor, int what) {
      return what == QUEUED ? due(((ThreadPoolExecutor) executor).getQueue()) : THREAD_POOL.readLong(executor, what);
    }
  };

  static final PoolGauges FORK_JOIN = new PoolGauges() {
    @Override
    long readLong(Object executor, int what) {
      ForkJoinPool p = (ForkJoinPool) executor;
      switch (what) {
        case ACTIVE: return p.getActiveThreadCount();
        case SIZE: return p.getPoolSize();
        case MAX: return p.getParallelism();
        case QUEUED: return p.getQueuedSubmissionCount() + p.getQueuedTaskCount();
        default: return -1;
      }
    }
  };

  /**
   * A Netty event loop group, through its public methods: its loops (size and maximum) and the tasks waiting in them.
   * How busy a loop is Netty does not tell: unknown.
   */
  static final PoolGauges NETTY = new PoolGauges() {
    @Override
    long readLong(Object group, int what) {
      if (what == SIZE || what == MAX) {
        Object loops = call(group, "executorCount");
        return loops instanceof Number ? ((Number) loops).longValue() : -1;
      }
      if (what != QUEUED || !(group instanceof Iterable)) {
        return -1;
      }
      long waiting = 0;
      for (Object loop : (Iterable<?>) group) {
        Object tasks = call(loop, "pendingTasks");
        if (!(tasks instanceof Number)) {
          return -1;
        }
        waiting += ((Number) tasks).longValue();
      }
      return waiting;
    }
  };

  /**
   * Tasks due now (delay run out), cancelled ones left out. The head is the earliest task: when it is not due, nothing
   * is, and the usual idle scheduled pool costs one peek. Otherwise the queue's iterator walks a copy taken under its
   * lock.
   */
  static long due(BlockingQueue<Runnable> queue) {
    Runnable head = queue.peek();
    if (head == null || (head instanceof Delayed && ((Delayed) head).getDelay(TimeUnit.NANOSECONDS) > 0)) {
      return 0;
    }
    long due = 0;
    for (Runnable r : queue) {
      if (r instanceof Future && ((Future<?>) r).isCancelled()) {
        continue;
      }
      if (!(r instanceof Delayed) || ((Delayed) r).getDelay(TimeUnit.NANOSECONDS) <= 0) {
        due++;
      }
    }
    return due;
  }

  /** Unbounded queues (remaining capacity near Integer.MAX_VALUE) have no meaningful room left: -1. */
  static long remaining(BlockingQueue<?> queue) {
    int room = queue.remainingCapacity();
    return room >= Integer.MAX_VALUE - queue.size() - 1 ? -1 : room;
  }

  /** A pool read through public no-argument methods named per value (null name: unknown). */
  static final class Reflective extends PoolGauges {
    private final Method[] methods = new Method[6];
    private final boolean queueMethod;

    /** {@code names[QUEUED]} may return a number or a queue (Tomcat's getQueue), whose size is taken. */
    Reflective(Class<?> type, String... names) {
      boolean queue = false;
      for (int i = 0; i < names.length && i < methods.length; i++) {
        if (names[i] == null) {
          continue;
        }
        try {
          methods[i] = type.getMethod(names[i]);
          queue |= i == QUEUED && Collection.class.isAssignableFrom(methods[i].getReturnType());
        } catch (NoSuchMethodException | SecurityException e) {
          methods[i] = null;
        }
      }
      this.queueMethod = queue;
    }

    @Override
    long readLong(Object executor, int what) {
      Method m = what == REMAINING && queueMethod ? methods[QUEUED] : methods[what];
      if (m == null) {
        return -1;
      }
      try {
        Object v = m.invoke(executor);
        if (v instanceof BlockingQueue) {
          return what == REMAINING ? remaining((BlockingQueue<?>) v) : ((BlockingQueue<?>) v).size();
        }
        return v instanceof Number ? ((Number) v).longValue() : -1;
      } catch (Exception | LinkageError e) {
        return -1;
      }
    }
  }

  /**
   * A public no-argument method's result, or null. Called through the nearest public class declaring it: a method of a
   * package-private implementation (XNIO's {@code NioXnioWorker}) cannot be invoked through that class.
   */
  static Object call(Object target, String method) {
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      if (java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(method).invoke(target);
        } catch (Exception | LinkageError e) {
          return null;
        }
      }
    }
    return null;
  }

  static PoolGauges jetty(Class<?> type) {
    return new Reflective(type, "getBusyThreads", "getThreads", "getMaxThreads", "getQueueSize", null, null);
  }

  /** Through XNIO's public MXBean interface (its implementation class is not public). */
  static PoolGauges xnio(Object bean) {
    for (Class<?> c = bean == null ? null : bean.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals("org.xnio.management.XnioWorkerMXBean")) {
          return new Reflective(i, "getBusyWorkerThreadCount", "getWorkerPoolSize", "getMaxWorkerPoolSize",
              "getWorkerQueueSize", null, null);
        }
      }
    }
    return null;
  }

  static PoolGauges tomcat(Class<?> type) {
    return new Reflective(type, "getActiveCount", "getPoolSize", "getMaximumPoolSize", "getQueue", null,
        "getCompletedTaskCount");
  }
}
