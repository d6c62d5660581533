package dev.vigil.agent.insight;

import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.agent.signals.EndpointSummary;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RouteHistory} per endpoint, sampled once a minute by the agent's ticker from the same sliding-window summary
 * /vigil/signals shows. At most {@link #MAX_ROUTES} endpoints (about 1.2 MB at the cap); one silent for an hour is
 * dropped, and past the cap a new endpoint gets no history until one is dropped.
 */
final class History {
  static final int MAX_ROUTES = 500;
  private static final long MINUTE_MS = 60_000;

  private final EndpointRegistry registry;
  private final Map<String, RouteHistory> routes = new ConcurrentHashMap<>();
  private long lastMinute = -1;

  History(EndpointRegistry registry) {
    this.registry = registry;
  }

  static String key(String method, String route) {
    return method + ' ' + route;
  }

  RouteHistory of(String method, String route) {
    return routes.get(key(method, route));
  }

  /** Ticker: samples every endpoint once the wall clock entered a new minute; returns whether it did. */
  synchronized boolean tick(long nowMs) {
    long minute = nowMs / MINUTE_MS;
    if (minute == lastMinute) {
      return false;
    }
    lastMinute = minute;
    sample(minute * MINUTE_MS, System.nanoTime());
    return true;
  }

  private void sample(long minuteStartMs, long nowNanos) {
    for (EndpointStats stats : registry.endpoints()) {
      EndpointSummary s = EndpointSummary.of(stats, nowNanos);
      if (s.requestsTotal == 0 && s.inFlight == 0) {
        continue;
      }
      String key = key(s.method, s.route);
      RouteHistory h = routes.get(key);
      if (h == null) {
        if (routes.size() >= MAX_ROUTES) {
          continue;
        }
        h = new RouteHistory();
        routes.put(key, h);
      }
      h.add(minuteStartMs, s);
    }
    for (Iterator<RouteHistory> it = routes.values().iterator(); it.hasNext(); ) {
      if (it.next().lastMinuteMs() < minuteStartMs - RouteHistory.MINUTES * MINUTE_MS) {
        it.remove();
      }
    }
  }
}
