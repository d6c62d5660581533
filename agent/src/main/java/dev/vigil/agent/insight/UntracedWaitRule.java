package dev.vigil.agent.insight;

import java.util.List;

/**
 * The route is slow (median 100 ms or more) yet no statement, host or pool takes much of its time and the process is
 * not busy on CPU: the requests wait on something Vigil does not trace (a sleep, a lock, a call through an unsupported
 * client). A wall-clock profile of the route shows where.
 */
final class UntracedWaitRule implements Rule {
  static final double MIN_MEDIAN_MS = 100;

  @Override
  public Cause check(RouteContext route) {
    double p50 = route.summary.quantileSeconds[0] * 1000;
    if (route.summary.windowRequests == 0 || !(p50 >= MIN_MEDIAN_MS)) {
      return null;
    }
    double cpu = route.jvm.processCpu;
    double explained = Math.max(route.largestDependencyShare(), route.largestWaitShare());
    if (explained >= SlowDependencyRule.MIN_SHARE || cpu >= CpuBoundRule.MIN_PROCESS_CPU) {
      return null;
    }
    // the slower the median, the likelier this is what a person notices about the route
    double score = 0.3 + 0.4 * Math.min(1, p50 / 1000);
    return new Cause("untraced_wait", score, "Waiting outside any traced call: median " + Rule.ms(p50) + " ms",
        List.of("p50 " + Rule.ms(p50) + " ms, p99 " + Rule.ms(route.p99Ms()) + " ms",
            "largest share of its time in one statement, host or pool: " + Rule.pct(explained)
                + (Double.isNaN(cpu) ? "" : "; process CPU " + Rule.pct(cpu)),
            "where it waits: java -jar vigil-agent.jar profile <pid> --event wall --route '" + route.summary.route
                + "'"));
  }
}
