package dev.vigil.agent.insight;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.agent.signals.EndpointSummary;
import dev.vigil.agent.signals.NPlusOneFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A route with recorded requests and the live signals around it, for the rules' tests. */
final class Fixture {
  static final long MS = 1_000_000L;
  final EndpointRegistry registry = new EndpointRegistry(100, new ApdexThresholds(500, Map.of()), 60_000 * MS);
  final EndpointStats stats;
  final List<PoolView> pools = new ArrayList<>();
  final List<NPlusOneFindings.Finding> nPlusOne = new ArrayList<>();
  JvmLoad.Reading jvm = new JvmLoad.Reading(0.0, 0.2, 0.1, 0.2);
  long cacheHits;
  long cacheMisses;

  Fixture(String route) {
    stats = registry.get("GET", route);
  }

  /** {@code count} requests of {@code millis} each with this status. */
  Fixture requests(int count, long millis, int status) {
    for (int i = 0; i < count; i++) {
      stats.complete(millis * MS, status, null);
    }
    return this;
  }

  Fixture sql(String statement, int count, long millis) {
    for (int i = 0; i < count; i++) {
      stats.dependencies().statement(statement, "postgresql", statement, millis * MS);
    }
    return this;
  }

  Fixture outbound(String host, int port, int count, long millis) {
    for (int i = 0; i < count; i++) {
      stats.dependencies().outbound(host, port, millis * MS);
    }
    return this;
  }

  Fixture pool(PoolView p) {
    pools.add(p);
    return this;
  }

  RouteContext context() {
    EndpointSummary s = EndpointSummary.of(stats, System.nanoTime());
    RecentShares.Shares shares = new RecentShares().of("GET /x", stats.dependenciesOrNull(), stats.totalSeconds(), 0);
    return new RouteContext(s, stats.dependenciesOrNull(), stats.totalSeconds(), shares, nPlusOne, pools, jvm,
        cacheHits, cacheMisses);
  }
}
