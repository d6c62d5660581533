package dev.vigil.agent.otelapi;

import dev.vigil.agent.logging.AgentLog;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The application's metric callbacks, run before each collection (scrape or OTLP push). They run on a daemon thread
 * of their own, made when the first is registered, so a collection waits for them at most {@link #DEADLINE_MS}. One
 * that throws is logged once and the others still run. One that blocks past the deadline is set aside (skipped until
 * it returns) and the next collection runs the others on a fresh thread, leaving the blocked one behind; at most
 * {@link #MAX_STUCK_THREADS} are left behind at once, past that the instruments keep their last values.
 */
final class AppCallbacks {
  static final int MAX_CALLBACKS = 200;
  static final long DEADLINE_MS = 1000;
  static final int MAX_STUCK_THREADS = 2;

  private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
  /** Callbacks that overran the deadline, by the generation of the thread left behind in them. */
  private final Map<Runnable, Integer> stuck = new ConcurrentHashMap<>();
  private volatile long running;
  private volatile long completed;
  /** Which thread's runs count: a thread left behind stops after its blocked callback returns. */
  private volatile int generation;
  private volatile Runnable inProgress;
  private ExecutorService executor;
  private Future<?> current;
  private long currentStartNanos;
  private int stuckThreads;

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
      long deadline = TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
      if (current != null && !current.isDone() && now - currentStartNanos > deadline) {
        leaveBehind();
      }
      if (current == null || current.isDone()) {
        int g = generation;
        current = executor().submit(() -> runOnce(g));
        currentStartNanos = now;
      }
      run = current;
      waitNanos = currentStartNanos + deadline - now;
    }
    try {
      if (waitNanos > 0) {
        run.get(waitNanos, TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      AgentLog.once(AgentLog.Level.WARN, "otel-api-callback-slow", "an OpenTelemetry metric callback of the "
          + "application took more than " + DEADLINE_MS + " ms; it is skipped until it returns", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // runOnce catches everything
    }
  }

  /** Sets the blocked callback aside and drops its thread, unless too many are left behind already. */
  private void leaveBehind() {
    Runnable culprit = inProgress;
    if (culprit == null || stuckThreads >= MAX_STUCK_THREADS) {
      return;
    }
    stuck.put(culprit, generation);
    stuckThreads++;
    generation++;
    executor.shutdown(); // its thread ends once the callback returns
    executor = null;
    current = null;
  }

  private void runOnce(int g) {
    long number = running + 1;
    running = number;
    for (Runnable callback : callbacks) {
      if (g != generation) {
        break; // left behind: the callback it was blocked in has returned
      }
      if (stuck.containsKey(callback)) {
        continue;
      }
      inProgress = callback;
      try {
        callback.run();
      } catch (Throwable t) {
        AgentLog.once(AgentLog.Level.WARN, "otel-api-callback-failed", "an OpenTelemetry metric callback of the "
            + "application threw; the others still run", t);
      }
    }
    if (g == generation) {
      inProgress = null;
      completed = number;
    } else {
      stuck.values().removeIf(v -> v == g);
      synchronized (this) {
        stuckThreads--;
      }
    }
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
