package dev.vigil.agent.insight;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection pool the route depends on (it runs SQL) has threads waiting for a connection, or its waits take a large
 * share of the route's p99. A busy pool nobody waits for is not saturated.
 */
final class PoolSaturationRule implements Rule {
  @Override
  public Cause check(RouteContext route) {
    if (!route.usesSql()) {
      return null;
    }
    Cause best = null;
    for (PoolView p : route.pools) {
      if (!PoolView.CONNECTION_POOL.equals(p.kind)) {
        continue;
      }
      double waitShare = route.waitShare(p);
      boolean waiting = p.pending > 0;
      if (!waiting && waitShare < 0.3) {
        continue;
      }
      List<String> evidence = new ArrayList<>();
      evidence.add(waiting ? "pending " + p.pending + " > 0" : "no thread waiting right now");
      evidence.add("pool wait p99 " + Rule.ms(p.waitP99Ms) + " ms vs route p99 " + Rule.ms(route.p99Ms()) + " ms");
      if (p.max > 0) {
        evidence.add("active " + p.active + " of max " + p.max);
      }
      double score = (waiting ? 0.5 : 0.2) + 0.5 * waitShare;
      if (best == null || score > best.score) {
        best = new Cause("pool_saturation", score, "Connection pool " + p.name + " is saturated", evidence);
      }
    }
    return best;
  }
}
