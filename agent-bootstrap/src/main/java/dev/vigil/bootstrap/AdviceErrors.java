package dev.vigil.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where advice sends an exception it suppressed (every advice has {@code suppress = Throwable.class}): counted, and
 * handed to the agent's log, which reports each kind (which instrumentation, which exception type) once. The
 * application never sees it.
 */
public final class AdviceErrors {
  /** Receives suppressed advice exceptions; installed by the agent. */
  public interface Sink {
    /** {@code where} names the instrumentation that failed, e.g. "jdbc StatementInstrumentation$ExecuteAdvice". */
    void report(Throwable t, String where);
  }

  private static final AtomicLong COUNT = new AtomicLong();
  private static volatile Sink sink;

  private AdviceErrors() {}

  public static void install(Sink s) {
    sink = s;
  }

  /** Called from the bytecode ByteBuddy weaves around advice, with the advice's name; must never throw. */
  public static void report(Throwable t, String where) {
    COUNT.incrementAndGet();
    Sink s = sink;
    if (s != null) {
      try {
        s.report(t, where);
      } catch (Throwable ignored) {
        // the agent's log failing is no reason to disturb the application
      }
    }
  }

  public static long count() {
    return COUNT.get();
  }
}
