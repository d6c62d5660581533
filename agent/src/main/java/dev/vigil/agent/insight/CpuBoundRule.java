package dev.vigil.agent.insight;

import java.util.List;

/**
 * The process is busy on CPU (70% or more of all cores) and the route's time is not spent waiting on a dependency: its
 * own code (or another route's) is the bottleneck. A CPU profile (/vigil/profile) shows where.
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
    if (dependencyShare >= SlowDependencyRule.MIN_SHARE) {
      return null;
    }
    return new Cause("cpu_bound", cpu * (1 - dependencyShare), "CPU-bound: the process uses " + Rule.pct(cpu)
        + " of the CPUs", List.of("process CPU " + Rule.pct(cpu) + ", machine " + Rule.pct(route.jvm.systemCpu),
            "largest dependency share of the route's time " + Rule.pct(dependencyShare)));
  }
}
