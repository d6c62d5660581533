package dev.vigil.agent.insight;

import java.util.List;

/**
 * Work waits in a thread pool's queue because every thread is busy. Queued tasks in a pool with idle threads (a
 * scheduled executor's delayed tasks) are not queueing.
 */
final class QueueingRule implements Rule {
  static final double FULL = 0.9;

  @Override
  public Cause check(RouteContext route) {
    if (route.summary.windowRequests == 0 && route.summary.inFlight == 0) {
      return null;
    }
    Cause best = null;
    for (PoolView p : route.pools) {
      if (PoolView.CONNECTION_POOL.equals(p.kind) || p.pending <= 0 || !(p.utilization() >= FULL)) {
        continue;
      }
      double waitShare = route.waitShare(p);
      double score = 0.4 + 0.5 * waitShare;
      if (best == null || score > best.score) {
        best = new Cause("queueing", score, "Requests queue in " + p.kind + " pool " + p.name, List.of(
            "queued " + p.pending + " with " + p.active + " of " + p.max + " threads busy",
            "queue wait p99 " + Rule.ms(p.waitP99Ms) + " ms vs route p99 " + Rule.ms(route.p99Ms()) + " ms"));
      }
    }
    return best;
  }
}
