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
  final List<NPlusOneFindings.Finding> nPlusOne;
  final List<PoolView> pools;
  final JvmLoad.Reading jvm;
  final long cacheHits;
  final long cacheMisses;

  RouteContext(EndpointSummary summary, RouteDependencies dependencies, double totalSeconds,
      List<NPlusOneFindings.Finding> nPlusOne, List<PoolView> pools, JvmLoad.Reading jvm, long cacheHits,
      long cacheMisses) {
    this.summary = summary;
    this.dependencies = dependencies;
    this.totalSeconds = totalSeconds;
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

  /** The largest share of the route's time spent in one statement or host since start, 0 when none. */
  double largestDependencyShare() {
    double best = 0;
    if (dependencies != null && totalSeconds > 0) {
      for (RouteDependencies.Entry e : dependencies.statements()) {
        best = Math.max(best, e.totalNanos() / 1e9 / totalSeconds);
      }
      for (RouteDependencies.Entry e : dependencies.hosts()) {
        best = Math.max(best, e.totalNanos() / 1e9 / totalSeconds);
      }
    }
    return Math.min(1, best);
  }
}
