package dev.vigil.agent.overhead;

/**
 * Whose code a sampled stack was running. Walked from the top, JDK frames are passed over (both the agent and the
 * application call the JDK), and so are the agent's task wrappers delegating to the application's task; the first
 * other frame decides, except that an application frame called straight from the agent's code (a servlet request's
 * getter read by a recorder, an MDC put) is the agent's work too. So a sample inside a recorder, or inside the JDK or
 * library code a recorder called, is the agent's; the application's task inside the agent's executor wrapper, or the
 * JDK server's own request parsing below it, is the application's.
 */
final class AgentFrames {
  private static final String[] AGENT = {
      "dev.vigil.agent.", "dev.vigil.bootstrap.", "dev.vigil.exporter.", "dev.vigil.shaded.", "dev.vigil.jul."};
  private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun."};
  /** The wrappers that run the application's task (ContextFuture inherits run). */
  private static final String[] WRAPPERS = {
      "dev.vigil.bootstrap.ContextRunnable", "dev.vigil.bootstrap.ContextFuture", "dev.vigil.bootstrap.ContextCallable"};

  enum Verdict { AGENT, APPLICATION, UNDECIDED }

  private AgentFrames() {}

  /** The verdict of one frame; UNDECIDED (a JDK frame, a wrapper's delegation) means: look at the next frame down. */
  static Verdict of(String typeName, String methodName) {
    if (startsWithAny(typeName, JDK)) {
      return Verdict.UNDECIDED;
    }
    if (!startsWithAny(typeName, AGENT)) {
      return Verdict.APPLICATION;
    }
    boolean delegation = (methodName.equals("run") || methodName.equals("call")) && equalsAny(typeName, WRAPPERS);
    return delegation ? Verdict.UNDECIDED : Verdict.AGENT;
  }

  /** Whether a stack, given as its frames' types and methods from the top down, was running the agent's code. */
  static boolean inAgent(String[] types, String[] methods, int frames) {
    boolean application = false;
    for (int i = 0; i < frames; i++) {
      Verdict v = of(types[i], methods[i]);
      if (v == Verdict.AGENT) {
        return true;
      }
      if (v == Verdict.APPLICATION) {
        if (application) {
          return false;
        }
        application = true; // decided unless its caller is the agent
      }
    }
    return false;
  }

  private static boolean startsWithAny(String s, String[] prefixes) {
    for (String p : prefixes) {
      if (s.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equalsAny(String s, String[] values) {
    for (String v : values) {
      if (s.equals(v)) {
        return true;
      }
    }
    return false;
  }
}
