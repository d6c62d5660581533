package dev.vigil.exporter.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor of the agent's HTTP server: a few workers that exist only while there is work, and a deadline on each
 * exchange. The JDK server reads the request and writes the answer with blocking calls on its {@code SocketChannel}, on
 * the worker; a channel closes when the thread blocked on it is interrupted, so at the deadline the worker is
 * interrupted: the connection closes and the worker is free. The read deadline runs from the exchange's start (the
 * client's first byte) until the handler is called, the write deadline from then on ({@link #requestRead}).
 */
final class ExchangeDeadlines implements Executor {
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private final long readNanos;
  private final long writeNanos;
  private final ThreadLocal<Run> current = new ThreadLocal<>();

  ExchangeDeadlines(ServerLimits limits) {
    this.readNanos = TimeUnit.MILLISECONDS.toNanos(limits.readMillis);
    this.writeNanos = TimeUnit.MILLISECONDS.toNanos(limits.writeMillis);
    workers = new ThreadPoolExecutor(ServerLimits.WORKERS, ServerLimits.WORKERS, ServerLimits.WORKER_KEEP_ALIVE_MILLIS,
        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(ServerLimits.QUEUE), limits.threads);
    workers.allowCoreThreadTimeOut(true); // a rejected exchange throws: the JDK server then closes its connection
    timer = new ScheduledThreadPoolExecutor(1, limits.threads);
    timer.setKeepAliveTime(ServerLimits.WORKER_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
    timer.allowCoreThreadTimeOut(true); // its thread lives while a deadline is pending
    timer.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void execute(Runnable exchange) {
    workers.execute(new Run(exchange));
  }

  /** Called on the worker when the request has been read: from now on the write deadline applies. */
  void requestRead() {
    Run run = current.get();
    if (run != null) {
      run.arm(writeNanos);
    }
  }

  void shutdown() {
    workers.shutdownNow();
    timer.shutdownNow();
  }

  /** Exchanges running or waiting (for tests and the report). */
  int busy() {
    return workers.getActiveCount() + workers.getQueue().size();
  }

  /** One exchange on its worker, with the deadline that interrupts that worker. */
  private final class Run implements Runnable {
    private final Runnable exchange;
    private final Expiry expiry = new Expiry(this);
    private Thread thread;
    private boolean running;
    private ScheduledFuture<?> deadline;

    Run(Runnable exchange) {
      this.exchange = exchange;
    }

    @Override
    public void run() {
      synchronized (this) {
        thread = Thread.currentThread();
        running = true;
      }
      arm(readNanos);
      current.set(this);
      try {
        exchange.run();
      } finally {
        current.remove();
        synchronized (this) {
          running = false;
          if (deadline != null) {
            deadline.cancel(false);
          }
        }
        Thread.interrupted(); // a deadline that fired: the worker serves the next exchange uninterrupted
      }
    }

    synchronized void arm(long nanos) {
      if (deadline != null) {
        deadline.cancel(false);
      }
      try {
        deadline = timer.schedule(expiry, nanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopping) {
        deadline = null; // the server is stopping: it closes every connection itself
      }
    }

    /** Under the lock that {@link #run} ends under: never interrupts a worker that has moved on. */
    synchronized void expire() {
      if (running) {
        thread.interrupt();
      }
    }
  }

  private static final class Expiry implements Runnable {
    private final Run run;

    Expiry(Run run) {
      this.run = run;
    }

    @Override
    public void run() {
      run.expire();
    }
  }
}
