package dev.vigil.agent.setup;

import dev.vigil.agent.jvm.JvmMetrics;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.tooling.Instrumenter;
import java.util.concurrent.TimeUnit;

/**
 * The agent's one periodic thread: moves sliding windows on, samples the per-minute history, drops the weaver's type descriptions and, after
 * start-up, starts JVM listeners.
 */
final class Ticker implements Runnable {
  private final EndpointRegistry registry;
  private final JvmMetrics jvm;
  private final Runnable afterTick;

  private Ticker(EndpointRegistry registry, JvmMetrics jvm, Runnable afterTick) {
    this.registry = registry;
    this.jvm = jvm;
    this.afterTick = afterTick;
  }

  /** {@code afterTick} (the per-minute history) runs on this thread after each move of the windows. */
  static void start(EndpointRegistry registry, JvmMetrics jvm, Runnable afterTick) {
    Thread t = new Thread(new Ticker(registry, jvm, afterTick), "vigil-ticker");
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
        afterTick.run();
        Instrumenter.clearCaches();
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
