package dev.vigil.agent.insight;

import dev.vigil.agent.signals.CacheRequests;
import dev.vigil.agent.signals.ConnectionPoolStats;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.agent.signals.EndpointSummary;
import dev.vigil.agent.signals.ExecutorStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One reading of every live signal the API and the diagnosis need, taken once per API request. */
final class Live {
  final long nowMs;
  final List<Row> rows;
  final List<PoolView> pools;
  final JvmLoad.Reading jvm;
  final long cacheHits;
  final long cacheMisses;
  final boolean cacheSeen;

  /** One endpoint with traffic: its stats handle and its window summary (the numbers /vigil/signals shows). */
  static final class Row {
    final EndpointStats stats;
    final EndpointSummary summary;

    Row(EndpointStats stats, EndpointSummary summary) {
      this.stats = stats;
      this.summary = summary;
    }
  }

  private Live(long nowMs, List<Row> rows, List<PoolView> pools, JvmLoad.Reading jvm, long hits, long misses,
      boolean cacheSeen) {
    this.nowMs = nowMs;
    this.rows = rows;
    this.pools = pools;
    this.jvm = jvm;
    this.cacheHits = hits;
    this.cacheMisses = misses;
    this.cacheSeen = cacheSeen;
  }

  static Live read(Insight in) {
    long nowMs = System.currentTimeMillis();
    long nowNanos = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    for (EndpointStats stats : in.registry.endpoints()) {
      EndpointSummary s = EndpointSummary.of(stats, nowNanos);
      if ((s.requestsTotal > 0 || s.inFlight > 0) && !EndpointRegistry.UNMATCHED_ROUTE.equals(s.route)) {
        rows.add(new Row(stats, s));
      }
    }
    rows.sort(Comparator.comparing((Row r) -> r.summary.route).thenComparing(r -> r.summary.method));
    long hits = 0;
    long misses = 0;
    boolean seen = false;
    if (in.cache != null) {
      for (CacheRequests.Counts c : in.cache.all()) {
        hits += c.hits();
        misses += c.misses();
        seen = true;
      }
    }
    return new Live(nowMs, rows, pools(in, nowMs), in.jvm.read(), hits, misses, seen);
  }

  Row find(String method, String route) {
    for (Row r : rows) {
      if (r.summary.method.equals(method) && r.summary.route.equals(route)) {
        return r;
      }
    }
    return null;
  }

  private static List<PoolView> pools(Insight in, long nowMs) {
    List<PoolView> out = new ArrayList<>();
    if (in.executors != null) {
      for (ExecutorStats e : in.executors.get()) {
        if (!e.alive()) {
          continue;
        }
        boolean server = "server".equals(e.type());
        double wait = e.queueWait() == null ? Double.NaN
            : in.recent.millis(e.type() + "/" + e.name(), e.queueWait(), 0.99, nowMs);
        int active = e.activeThreads();
        int size = e.poolSize();
        out.add(new PoolView(e.name(), server ? PoolView.SERVER : PoolView.EXECUTOR, active,
            active >= 0 && size >= 0 ? Math.max(0, size - active) : -1, e.maxSize(), e.queueDepth(), wait));
      }
    }
    if (in.connectionPools != null) {
      for (ConnectionPoolStats p : in.connectionPools.get()) {
        if (!p.alive()) {
          continue;
        }
        double wait = p.waitTime() == null ? Double.NaN
            : in.recent.millis("db_pool/" + p.name(), p.waitTime(), 0.99, nowMs);
        out.add(new PoolView(p.name(), PoolView.CONNECTION_POOL, p.used(), p.idle(), p.max(), p.pending(), wait));
      }
    }
    return out;
  }
}
