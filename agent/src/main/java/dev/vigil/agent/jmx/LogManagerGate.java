package dev.vigil.agent.jmx;

import dev.vigil.agent.logging.AgentLog;
import java.lang.instrument.Instrumentation;

/**
 * Creating the platform MBean server starts java.util.logging's LogManager. When the JVM is told to use its own
 * (-Djava.util.logging.manager, as app servers do), the application must be the one that starts it, or the JDK's
 * default manager wins and the server's logging breaks. So JMX registration waits until the named manager class is
 * loaded (the JDK loads it while it starts java.util.logging; the LogManager class itself may load earlier, unused).
 */
public final class LogManagerGate {
  private LogManagerGate() {}

  public static void awaitApplication(Instrumentation inst) throws InterruptedException {
    String manager = System.getProperty("java.util.logging.manager");
    if (manager == null || inst == null || loaded(inst, manager.trim())) {
      return;
    }
    AgentLog.info("JMX MBeans wait until the application starts java.util.logging (java.util.logging.manager="
        + manager + ")");
    do {
      Thread.sleep(1_000);
    } while (!loaded(inst, manager.trim()));
  }

  private static boolean loaded(Instrumentation inst, String className) {
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
}
