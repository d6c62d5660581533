package dev.vigil.agent.overhead;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.exporter.model.MetricProducer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the measurement of the agent's own CPU ({@code vigil.overhead.measure}, or implied by a budget,
 * {@code vigil.overhead.max_cpu}) on one daemon thread, {@code vigil-overhead}: it reads the JFR execution-sample
 * stream and closes a window every {@code vigil.overhead.interval}. Off by default: JFR adds its own threads and a
 * little memory, which an agent aiming at a small footprint does not impose on everyone.
 */
public final class OverheadSetup {
  private static final long MIN_INTERVAL_MILLIS = 1_000;

  private OverheadSetup() {}

  /** Starts the measurement if configured; returns its metrics, or null when off. */
  public static MetricProducer install(VigilConfig config) {
    double max = maxCpu(config);
    if (Double.isNaN(max) && !config.getBoolean(ConfigKeys.OVERHEAD_MEASURE)) {
      return null;
    }
    if (!AgentCpuMeter.supported()) {
      AgentLog.warn("this JVM does not measure thread and process CPU time: no CPU budget, no vigil_agent_cpu_ratio");
      return null;
    }
    long windowNanos = TimeUnit.MILLISECONDS.toNanos(
        Math.max(MIN_INTERVAL_MILLIS, config.getDurationMillis(ConfigKeys.OVERHEAD_INTERVAL)));
    boolean jfr = ExecutionSamples.available();
    List<String> agentThreads = new ArrayList<>(List.of("vigil-"));
    if (jfr && !jfrRunning()) {
      agentThreads.add("JFR "); // JFR's threads start for our stream: they are the agent's cost
    }
    ThreadCpuTally tally = new ThreadCpuTally(agentThreads);
    ExecutionSamples samples = jfr ? new ExecutionSamples(tally::isAgent) : null;
    AgentCpuMeter meter = new AgentCpuMeter(tally, samples, Double.isNaN(max) ? null : new CpuBudget(max));
    Thread t = new Thread(() -> run(meter, samples, windowNanos), "vigil-overhead");
    t.setDaemon(true);
    t.start();
    AgentLog.info("measuring the agent's CPU every " + windowNanos / 1_000_000 + " ms"
        + (jfr ? "" : " (its own threads only: sampling its code on application threads needs JFR streaming, Java 14+)")
        + (Double.isNaN(max) ? "" : "; budget " + max + " of the process's CPU, kept by lowering trace sampling"));
    return new OverheadMetrics(meter);
  }

  private static void run(AgentCpuMeter meter, ExecutionSamples samples, long windowNanos) {
    if (samples != null) {
      try {
        samples.run(() -> tick(meter, windowNanos)); // returns only if the stream closes
      } catch (Throwable t) {
        AgentLog.once(AgentLog.Level.WARN, "overhead-jfr", "cannot stream JFR execution samples; the agent's CPU is"
            + " measured on its own threads only", t);
      }
    }
    while (true) {
      try {
        TimeUnit.NANOSECONDS.sleep(windowNanos);
      } catch (InterruptedException e) {
        return;
      }
      tick(meter, 0);
    }
  }

  /** A failed window is logged and skipped; the next one is tried (the JFR stream, calling this, keeps running). */
  private static void tick(AgentCpuMeter meter, long windowNanos) {
    try {
      meter.maybeTick(windowNanos);
    } catch (Throwable t) {
      AgentLog.every(AgentLog.Level.WARN, "overhead", "measuring the agent's CPU failed; retried", t);
    }
  }

  /** {@code vigil.overhead.max_cpu}: NaN when unset; a bad value logs one line and keeps no budget. */
  static double maxCpu(VigilConfig config) {
    String v = config.getString(ConfigKeys.OVERHEAD_MAX_CPU);
    if (v.isEmpty()) {
      return Double.NaN;
    }
    try {
      double max = Double.parseDouble(v);
      if (max > 0 && max < 1) {
        return max;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    AgentLog.warn("config vigil.overhead.max_cpu=" + v + " is not a share of the process's CPU between 0 and 1 (such as"
        + " 0.02); no CPU budget is kept");
    return Double.NaN;
  }

  /** True when JFR's threads already run (the application records): their CPU is then not the agent's. */
  private static boolean jfrRunning() {
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().getThreadInfo(
        ManagementFactory.getThreadMXBean().getAllThreadIds(), 0)) {
      if (info != null && info.getThreadName().startsWith("JFR ")) {
        return true;
      }
    }
    return false;
  }
}
