package dev.vigil.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where advice sends an exception it suppressed (every advice has {@code suppress = Throwable.class}): counted, and
 * handed to the agent's log, which reports each kind once. The application never sees it.
 */
public final class AdviceErrors {
  /** Receives suppressed advice exceptions; installed by the agent. */
  public interface Sink {
    void report(Throwable t);
  }

  private static final AtomicLong COUNT = new AtomicLong();
  private static volatile Sink sink;

  private AdviceErrors() {}

  public static void install(Sink s) {
    sink = s;
  }

  /** Called from the bytecode ByteBuddy weaves around advice; must never throw. */
  public static void report(Throwable t) {
    COUNT.incrementAndGet();
    Sink s = sink;
    if (s != null) {
      try {
        s.report(t);
      } catch (Throwable ignored) {
        // the agent's log failing is no reason to disturb the application
      }
    }
  }

  public static long count() {
    return COUNT.get();
  }
}
