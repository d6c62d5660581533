package dev.vigil.agent.insight;

import dev.vigil.agent.signals.RouteDependencies;
import java.util.List;

/** One statement or outbound host takes a large share (30% or more) of the route's time. */
final class SlowDependencyRule implements Rule {
  static final double MIN_SHARE = 0.3;

  @Override
  public Cause check(RouteContext route) {
    if (route.dependencies == null || !(route.totalSeconds > 0)) {
      return null;
    }
    RouteDependencies.Entry best = null;
    boolean host = false;
    for (RouteDependencies.Entry e : route.dependencies.statements()) {
      if (best == null || e.totalNanos() > best.totalNanos()) {
        best = e;
      }
    }
    for (RouteDependencies.Entry e : route.dependencies.hosts()) {
      if (best == null || e.totalNanos() > best.totalNanos()) {
        best = e;
        host = true;
      }
    }
    double share = best == null ? 0 : Math.min(1, best.totalNanos() / 1e9 / route.totalSeconds);
    if (share < MIN_SHARE) {
      return null;
    }
    String what = host ? "host " + best.name + (best.port > 0 ? ":" + best.port : "") : "statement " + best.name;
    double avgMs = best.count() == 0 ? Double.NaN : best.totalNanos() / 1e6 / best.count();
    return new Cause("slow_dependency", share, "Slow dependency: " + what, List.of(
        Rule.pct(share) + " of the route's time is spent in " + what,
        best.count() + " calls, " + Rule.ms(avgMs) + " ms each on average"));
  }
}
