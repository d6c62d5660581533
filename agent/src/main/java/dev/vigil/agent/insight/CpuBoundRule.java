package dev.vigil.agent.insight;

import java.util.List;

/**
 * The process is busy on CPU (70% or more of all cores) and the route's time is not spent waiting on a dependency or a
 * pool (under 30% each): its own code (or another route's) is the bottleneck; a CPU profile (/vigil/profile) shows
 * where.
 */
final class CpuBoundRule implements Rule {
  static final double MIN_PROCESS_CPU = 0.7;

  @Override
  public Cause check(RouteContext route) {
    double cpu = route.jvm.processCpu;
    if (Double.isNaN(cpu) || cpu < MIN_PROCESS_CPU || route.summary.windowRequests == 0) {
      return null;
    }
    double dependencyShare = route.largestDependencyShare();
    double waitShare = route.largestWaitShare();
    double waiting = Math.max(dependencyShare, waitShare);
    if (waiting >= SlowDependencyRule.MIN_SHARE) {
      return null;
    }
    return new Cause("cpu_bound", cpu * (1 - waiting), "CPU-bound: the process uses " + Rule.pct(cpu)
        + " of the CPUs", List.of("process CPU " + Rule.pct(cpu) + ", machine " + Rule.pct(route.jvm.systemCpu),
            "largest dependency share of the route's time " + Rule.pct(dependencyShare)
                + ", largest pool or queue wait " + Rule.pct(waitShare) + " of its p99"));
  }
}
