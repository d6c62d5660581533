package dev.vigil.agent.insight;

import dev.vigil.agent.signals.RouteDependencies;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares of a route's recent time spent in each of its statements and hosts, so a dependency that became slow a minute
 * ago is not diluted by hours of history: like {@link RecentQuantiles}, each route keeps two earlier readings (its
 * total time, and each entry's time; entries only ever get appended, so an index names one entry for good) and a share
 * is taken over what happened since the older one. Before any earlier reading, shares are since start.
 */
final class RecentShares {
  static final int MAX_ROUTES = 500;
  static final long ROLL_MS = RecentQuantiles.ROLL_MS;
  private final Map<String, Bases> bases = new ConcurrentHashMap<>();

  /** One route's shares now. */
  static final class Shares {
    private final double routeSeconds;
    private final long[] statementNanos;
    private final long[] hostNanos;

    Shares(double routeSeconds, long[] statementNanos, long[] hostNanos) {
      this.routeSeconds = routeSeconds;
      this.statementNanos = statementNanos;
      this.hostNanos = hostNanos;
    }

    /** Share (0-1) of the route's recent time in the {@code i}th statement or host; 0 when the route spent none. */
    double statement(int i) {
      return share(statementNanos, i);
    }

    double host(int i) {
      return share(hostNanos, i);
    }

    private double share(long[] nanos, int i) {
      return routeSeconds <= 0 || i >= nanos.length ? 0 : Math.min(1, nanos[i] / 1e9 / routeSeconds);
    }

    double largest() {
      double best = 0;
      for (int i = 0; i < statementNanos.length; i++) {
        best = Math.max(best, statement(i));
      }
      for (int i = 0; i < hostNanos.length; i++) {
        best = Math.max(best, host(i));
      }
      return best;
    }
  }

  static final Shares NONE = new Shares(0, new long[0], new long[0]);

  Shares of(String route, RouteDependencies deps, double routeSecondsNow, long nowMs) {
    if (deps == null) {
      return NONE;
    }
    Reading now = new Reading(routeSecondsNow, nanos(deps.statements()), nanos(deps.hosts()));
    Bases b = bases.get(route);
    if (b == null && bases.size() < MAX_ROUTES) {
      b = bases.computeIfAbsent(route, k -> new Bases());
    }
    Reading base = null;
    if (b != null) {
      synchronized (b) {
        if (b.newer == null || nowMs - b.newerMs >= ROLL_MS) {
          b.older = b.newer;
          b.newer = now;
          b.newerMs = nowMs;
        }
        base = b.older;
      }
    }
    if (base == null || now.routeSeconds - base.routeSeconds <= 0) {
      return new Shares(now.routeSeconds, now.statements, now.hosts);
    }
    return new Shares(now.routeSeconds - base.routeSeconds, minus(now.statements, base.statements),
        minus(now.hosts, base.hosts));
  }

  private static long[] nanos(List<RouteDependencies.Entry> entries) {
    long[] out = new long[entries.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = entries.get(i).totalNanos();
    }
    return out;
  }

  private static long[] minus(long[] now, long[] base) {
    long[] out = now.clone();
    for (int i = 0; i < Math.min(now.length, base.length); i++) {
      out[i] = Math.max(0, now[i] - base[i]);
    }
    return out;
  }

  private static final class Reading {
    final double routeSeconds;
    final long[] statements;
    final long[] hosts;

    Reading(double routeSeconds, long[] statements, long[] hosts) {
      this.routeSeconds = routeSeconds;
      this.statements = statements;
      this.hosts = hosts;
    }
  }

  private static final class Bases {
    Reading older;
    Reading newer;
    long newerMs;
  }
}
