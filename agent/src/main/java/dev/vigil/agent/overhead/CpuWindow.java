package dev.vigil.agent.overhead;

/** What one measurement window saw: CPU times in nanoseconds and JFR execution-sample counts. */
final class CpuWindow {
  final long processNanos;
  final long agentThreadNanos;
  final long applicationUserNanos;
  final long applicationSamples;
  final long agentSamples;

  CpuWindow(long processNanos, long agentThreadNanos, long applicationUserNanos, long applicationSamples,
      long agentSamples) {
    this.processNanos = processNanos;
    this.agentThreadNanos = agentThreadNanos;
    this.applicationUserNanos = applicationUserNanos;
    this.applicationSamples = applicationSamples;
    this.agentSamples = agentSamples;
  }

  /** The agent's CPU on application threads: their user time times the share of their samples in agent code. */
  double agentOnApplicationNanos() {
    return applicationSamples == 0 ? 0 : applicationUserNanos * (double) agentSamples / applicationSamples;
  }

  /** The agent's share of the process's CPU in this window, 0 to 1. */
  double share() {
    return processNanos <= 0 ? 0 : Math.min(1.0, (agentThreadNanos + agentOnApplicationNanos()) / processNanos);
  }
}
