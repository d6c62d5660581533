package dev.vigil.agent.tooling;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instrumentations switched off at run time (JMX dev.vigil:type=Agent), by module name. A change re-weaves: the
 * classes of a module switched off are retransformed back to their own bytecode, and woven again when it is switched
 * back on. A module off by configuration ({@code vigil.instrumentation.<name>.enabled=false}) stays off.
 */
public final class InstrumentationSwitches {
  private static final Set<String> OFF = ConcurrentHashMap.newKeySet();

  private InstrumentationSwitches() {}

  public static boolean enabled(String name) {
    return OFF.isEmpty() || !OFF.contains(name);
  }

  /** Switches a module off or on and re-weaves when that changed anything; returns the modules now off. */
  public static synchronized String set(String name, boolean enabled) throws Exception {
    boolean changed = enabled ? OFF.remove(name) : OFF.add(name);
    if (changed) {
      Instrumenter.reweave();
    }
    return off();
  }

  public static String off() {
    return String.join(",", new TreeSet<>(OFF));
  }
}
