package dev.vigil.agent.otelapi;

import dev.vigil.agent.logging.AgentLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The application's metric callbacks, run before each collection (scrape or OTLP push). They run on one daemon
 * thread of their own, made when the first is registered, so a collection waits for them at most {@link #DEADLINE_MS}:
 * a callback that blocks leaves its instruments at their last values while it runs (no second run starts), one that
 * throws is logged once and the others still run.
 */
final class AppCallbacks {
  static final int MAX_CALLBACKS = 200;
  static final long DEADLINE_MS = 1000;

  private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
  private volatile long running;
  private volatile long completed;
  private ExecutorService executor;
  private Future<?> current;
  private long currentStartNanos;

  /** Registers {@code callback}; the handle removes it. Null past {@link #MAX_CALLBACKS}. */
  AutoCloseable register(Runnable callback) {
    if (callbacks.size() >= MAX_CALLBACKS) {
      AgentLog.once(AgentLog.Level.WARN, "otel-api-callbacks", "the application registered more than "
          + MAX_CALLBACKS + " OpenTelemetry metric callbacks; the others are not run", null);
      return null;
    }
    Runnable registration = callback::run; // its own identity: the same callback registered twice runs twice
    callbacks.add(registration);
    return () -> callbacks.remove(registration);
  }

  /** The number of the run in progress (what observed values are stamped with). */
  long running() {
    return running;
  }

  /** The number of the last run that finished. */
  long completed() {
    return completed;
  }

  /** Runs every callback, waiting at most {@link #DEADLINE_MS}; returns at once while an earlier run is overdue. */
  void runAll() {
    if (callbacks.isEmpty()) {
      return;
    }
    Future<?> run;
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      if (current == null || current.isDone()) {
        current = executor().submit(this::runOnce);
        currentStartNanos = now;
      }
      run = current;
      waitNanos = currentStartNanos + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS) - now;
    }
    try {
      if (waitNanos > 0) {
        run.get(waitNanos, TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      AgentLog.once(AgentLog.Level.WARN, "otel-api-callback-slow", "an OpenTelemetry metric callback of the "
          + "application took more than " + DEADLINE_MS + " ms; its instruments keep their last values", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // runOnce catches everything
    }
  }

  private void runOnce() {
    long number = running + 1;
    running = number;
    for (Runnable callback : callbacks) {
      try {
        callback.run();
      } catch (Throwable t) {
        AgentLog.once(AgentLog.Level.WARN, "otel-api-callback-failed", "an OpenTelemetry metric callback of the "
            + "application threw; the others still run", t);
      }
    }
    completed = number;
  }

  private ExecutorService executor() {
    if (executor == null) {
      executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-otel-api-callbacks");
        t.setDaemon(true);
        return t;
      });
    }
    return executor;
  }
}
