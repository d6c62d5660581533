package dev.vigil.agent.insight;

import java.util.List;

/** The cache (Redis reads) misses half the time or more over at least {@link #MIN_READS} reads. */
final class CacheMissRule implements Rule {
  static final long MIN_READS = 100;

  @Override
  public Cause check(RouteContext route) {
    long reads = route.cacheHits + route.cacheMisses;
    if (reads < MIN_READS || route.summary.windowRequests == 0) {
      return null;
    }
    double hitRatio = (double) route.cacheHits / reads;
    if (hitRatio >= 0.5) {
      return null;
    }
    return new Cause("cache_misses", 0.3 + 0.4 * (1 - hitRatio), "Cache misses: hit ratio " + Rule.pct(hitRatio),
        List.of(route.cacheHits + " hits, " + route.cacheMisses + " misses since start"));
  }
}
