package dev.vigil.agent.tooling;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instrumentations switched off at run time (JMX dev.vigil:type=Agent), by module name. Recorders ask
 * {@link #enabled(String)} before recording; the woven advice stays in place (no retransformation), so switching back
 * on is immediate.
 */
public final class InstrumentationSwitches {
  private static final Set<String> OFF = ConcurrentHashMap.newKeySet();

  private InstrumentationSwitches() {}

  public static boolean enabled(String name) {
    return OFF.isEmpty() || !OFF.contains(name);
  }

  public static void set(String name, boolean enabled) {
    if (enabled) {
      OFF.remove(name);
    } else {
      OFF.add(name);
    }
  }

  public static String off() {
    return String.join(",", new TreeSet<>(OFF));
  }
}
