package dev.vigil.agent.insight;

import dev.vigil.agent.signals.RouteDependencies;
import java.util.List;

/** One statement or outbound host takes a large share (30% or more) of the route's recent time. */
final class SlowDependencyRule implements Rule {
  static final double MIN_SHARE = 0.3;

  @Override
  public Cause check(RouteContext route) {
    if (route.dependencies == null) {
      return null;
    }
    RouteDependencies.Entry best = null;
    boolean host = false;
    double share = 0;
    List<RouteDependencies.Entry> statements = route.dependencies.statements();
    for (int i = 0; i < statements.size(); i++) {
      if (route.shares.statement(i) > share) {
        share = route.shares.statement(i);
        best = statements.get(i);
      }
    }
    List<RouteDependencies.Entry> hosts = route.dependencies.hosts();
    for (int i = 0; i < hosts.size(); i++) {
      if (route.shares.host(i) > share) {
        share = route.shares.host(i);
        best = hosts.get(i);
        host = true;
      }
    }
    if (best == null || share < MIN_SHARE) {
      return null;
    }
    String what = host ? "host " + best.name + (best.port > 0 ? ":" + best.port : "") : "statement " + best.name;
    double avgMs = best.count() == 0 ? Double.NaN : best.totalNanos() / 1e6 / best.count();
    return new Cause("slow_dependency", share, "Slow dependency: " + what, List.of(
        Rule.pct(share) + " of the route's time is spent in " + what,
        best.count() + " calls since start, " + Rule.ms(avgMs) + " ms each on average"));
  }
}
