package dev.vigil.agent.insight;

import dev.vigil.agent.signals.EndpointSummary;
import dev.vigil.agent.signals.NPlusOneFindings;
import dev.vigil.agent.signals.RouteDependencies;
import java.util.List;

/** What the rules know about one route at one moment: its window summary and the live signals around it. */
final class RouteContext {
  final EndpointSummary summary;
  /** Since start; null when the route ran no SQL or outbound call. */
  final RouteDependencies dependencies;
  /** Total time of the route's requests since start, the denominator of dependency shares. */
  final double totalSeconds;
  /** Shares of the route's recent time per statement and host (the rules read these, not since-start totals). */
  final RecentShares.Shares shares;
  final List<NPlusOneFindings.Finding> nPlusOne;
  final List<PoolView> pools;
  final JvmLoad.Reading jvm;
  final long cacheHits;
  final long cacheMisses;

  RouteContext(EndpointSummary summary, RouteDependencies dependencies, double totalSeconds,
      RecentShares.Shares shares, List<NPlusOneFindings.Finding> nPlusOne, List<PoolView> pools, JvmLoad.Reading jvm,
      long cacheHits, long cacheMisses) {
    this.summary = summary;
    this.dependencies = dependencies;
    this.totalSeconds = totalSeconds;
    this.shares = shares;
    this.nPlusOne = nPlusOne;
    this.pools = pools;
    this.jvm = jvm;
    this.cacheHits = cacheHits;
    this.cacheMisses = cacheMisses;
  }

  double p99Ms() {
    return summary.quantileSeconds[2] * 1000;
  }

  boolean usesSql() {
    return dependencies != null && !dependencies.statements().isEmpty();
  }

  /** The largest pool or queue wait p99 over the route's p99, 0 to 1: time spent waiting, not computing. */
  double largestWaitShare() {
    double best = 0;
    for (PoolView p : pools) {
      best = Math.max(best, waitShare(p));
    }
    return best;
  }

  /** The pool's wait p99 over the route's p99, 0 to 1; 0 when either is unknown. */
  double waitShare(PoolView p) {
    double p99 = p99Ms();
    return Double.isNaN(p.waitP99Ms) || !(p99 > 0) ? 0 : Math.min(1, p.waitP99Ms / p99);
  }

  /** The largest share of the route's recent time spent in one statement or host, 0 when none. */
  double largestDependencyShare() {
    return shares.largest();
  }
}
