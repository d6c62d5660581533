package dev.vigil.agent.tooling;

import dev.vigil.agent.jvm.JvmMetrics;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.EndpointRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The agent's one periodic thread: moves sliding windows on, drops the matching cache and, after start-up, starts JVM
 * listeners.
 */
final class Ticker implements Runnable {
  private final EndpointRegistry registry;
  private final JvmMetrics jvm;
  private final TypePoolCache typePoolCache;

  private Ticker(EndpointRegistry registry, JvmMetrics jvm, TypePoolCache typePoolCache) {
    this.registry = registry;
    this.jvm = jvm;
    this.typePoolCache = typePoolCache;
  }

  static void start(EndpointRegistry registry, JvmMetrics jvm, TypePoolCache typePoolCache) {
    Thread t = new Thread(new Ticker(registry, jvm, typePoolCache), "vigil-ticker");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void run() {
    long period = registry.tickNanos();
    long next = System.nanoTime() + period;
    while (true) {
      try {
        TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
        next += period;
        registry.tick();
        typePoolCache.clear();
        if (jvm != null) {
          jvm.startListening(); // not in premain: JMX is touched only once the application runs
        }
      } catch (InterruptedException e) {
        return;
      } catch (Throwable t) {
        AgentLog.every(AgentLog.Level.WARN, "ticker", "periodic task failed; it will be retried", t);
      }
    }
  }
}
