package dev.vigil.agent.overhead;

import java.lang.management.ManagementFactory;

/**
 * Closes a measurement window ({@link CpuWindow}) every interval: the process's CPU, the agent's threads' CPU, the
 * application threads' user CPU and the JFR samples counted meanwhile. The window's share is
 * {@code vigil_agent_cpu_ratio}; with a budget, busy windows feed its estimate. Every call runs on the overhead
 * thread.
 */
final class AgentCpuMeter {
  /** Below this many cores busy over a window, the process is idle: no ratio means anything, the budget holds. */
  static final double IDLE_CORES = 0.02;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadCpuTally threads;
  private final ExecutionSamples samples;
  private final CpuBudget budget;
  private final ShareEstimate estimate = new ShareEstimate();
  private long lastProcessNanos;
  private long lastWallNanos;
  private long lastAgentSamples;
  private long lastApplicationSamples;
  private volatile double ratio = Double.NaN;
  private volatile long agentThreadNanos;
  private volatile long applicationThreadNanos;
  private volatile long windows;

  /** {@code samples} null: no JFR (Java 11 to 13), only the agent's own threads are counted. */
  AgentCpuMeter(ThreadCpuTally threads, ExecutionSamples samples, CpuBudget budget) {
    this.threads = threads;
    this.samples = samples;
    this.budget = budget;
    threads.sample(); // the first window starts now, not at each thread's start
    lastProcessNanos = os.getProcessCpuTime();
    lastWallNanos = System.nanoTime();
  }

  static boolean supported() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean
        && ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime() >= 0
        && ThreadCpuTally.supported();
  }

  /** Closes the window if at least {@code windowNanos} have passed since the last one. */
  void maybeTick(long windowNanos) {
    if (System.nanoTime() - lastWallNanos >= windowNanos) {
      tick();
    }
  }

  private void tick() {
    long wall = System.nanoTime();
    long process = os.getProcessCpuTime();
    threads.sample();
    long agentSamples = samples == null ? 0 : samples.agentSamples;
    long applicationSamples = samples == null ? 0 : samples.applicationSamples;
    CpuWindow window = new CpuWindow(process - lastProcessNanos, threads.agentNanos, threads.appUserNanos,
        applicationSamples - lastApplicationSamples, agentSamples - lastAgentSamples);
    long wallDelta = wall - lastWallNanos;
    lastProcessNanos = process;
    lastWallNanos = wall;
    lastAgentSamples = agentSamples;
    lastApplicationSamples = applicationSamples;
    agentThreadNanos += window.agentThreadNanos;
    applicationThreadNanos += (long) window.agentOnApplicationNanos();
    ratio = window.share();
    windows++;
    // the first window holds JFR's own start-up, a one-time cost the budget should not answer
    if (budget != null && windows > 1 && window.processNanos >= IDLE_CORES * wallDelta) {
      estimate.add(window);
      budget.adjust(estimate, wallDelta / 1_000_000);
    }
  }

  /** The agent's share of the process's CPU over the last window; NaN before the first. */
  double ratio() {
    return ratio;
  }

  long agentThreadNanos() {
    return agentThreadNanos;
  }

  long applicationThreadNanos() {
    return applicationThreadNanos;
  }

  CpuBudget budget() {
    return budget;
  }
}
