package dev.vigil.agent.signals;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import java.util.HashMap;
import java.util.Map;

/** Apdex T per route: one default, overridden per route by {@code vigil.apdex.routes}. */
public final class ApdexThresholds {
  private final long defaultNanos;
  private final Map<String, Long> byRoute;

  public ApdexThresholds(long defaultMillis, Map<String, Long> byRouteMillis) {
    this.defaultNanos = defaultMillis * 1_000_000L;
    this.byRoute = new HashMap<>();
    byRouteMillis.forEach((route, ms) -> byRoute.put(route, ms * 1_000_000L));
  }

  /** Parses {@code /search=2s,/owners/{id}=200ms}; a bad pair logs one line and is skipped. */
  public static Map<String, Long> parseRoutes(String spec) {
    Map<String, Long> out = new HashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String pair : spec.split(",")) {
      int eq = pair.lastIndexOf('=');
      try {
        out.put(pair.substring(0, eq).trim(), VigilConfig.parseDurationMillis(pair.substring(eq + 1)));
      } catch (RuntimeException e) {
        AgentLog.warn("config vigil.apdex.routes entry '" + pair.trim() + "' is not route=duration; skipped");
      }
    }
    return out;
  }

  public long nanosFor(String route) {
    Long t = byRoute.get(route);
    return t != null ? t : defaultNanos;
  }
}
