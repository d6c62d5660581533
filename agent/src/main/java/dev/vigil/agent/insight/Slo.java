package dev.vigil.agent.insight;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.agent.signals.EndpointSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Service-level objectives per route from {@code vigil.slo.<route>.p99} (a duration: 99% of requests faster) and
 * {@code vigil.slo.<route>.error_rate} (a fraction: at most that share fails). The burn rate is the bad fraction seen
 * in the sliding window over the allowed one (1 means the budget is spent exactly as fast as allowed); budget left is
 * what remains of the window's allowance, 0 to 1.
 */
final class Slo {
  static final String PREFIX = "vigil.slo.";
  private final Map<String, Long> p99Nanos = new TreeMap<>();
  private final Map<String, Double> errorRates = new TreeMap<>();

  /** One objective of one route, as measured now. */
  static final class Burn {
    final String method;
    final String route;
    final String objective;
    final double burnRate;

    Burn(String method, String route, String objective, double burnRate) {
      this.method = method;
      this.route = route;
      this.objective = objective;
      this.burnRate = burnRate;
    }

    double budgetLeft() {
      return Double.isNaN(burnRate) ? 1 : Math.max(0, 1 - burnRate);
    }
  }

  /** Reads every {@code vigil.slo.*} key; a bad one logs one line naming it and is skipped. */
  static Slo from(VigilConfig config) {
    Slo slo = new Slo();
    for (Map.Entry<String, String> e : config.withPrefix(PREFIX).entrySet()) {
      slo.add(e.getKey(), e.getValue());
    }
    return slo;
  }

  void add(String key, String value) {
    String rest = key.substring(PREFIX.length());
    try {
      if (rest.endsWith(".p99")) {
        p99Nanos.put(rest.substring(0, rest.length() - 4), VigilConfig.parseDurationMillis(value) * 1_000_000L);
        return;
      }
      if (rest.endsWith(".error_rate")) {
        double rate = Double.parseDouble(value.trim());
        if (rate > 0 && rate < 1) {
          errorRates.put(rest.substring(0, rest.length() - 11), rate);
          return;
        }
      }
    } catch (RuntimeException e) {
      // falls through to the warning
    }
    AgentLog.warn("config " + key + "=" + value + " is not an SLO (vigil.slo.<route>.p99=<duration> or"
        + " vigil.slo.<route>.error_rate=<fraction between 0 and 1>); ignored");
  }

  boolean isEmpty() {
    return p99Nanos.isEmpty() && errorRates.isEmpty();
  }

  /** The objectives of this endpoint's route, measured over its window. */
  List<Burn> burns(EndpointStats stats, EndpointSummary s) {
    List<Burn> out = new ArrayList<>();
    Long p99 = p99Nanos.get(s.route);
    if (p99 != null) {
      double slower = stats.fractionSlowerThan(p99);
      out.add(new Burn(s.method, s.route, "p99 < " + Rule.ms(p99 / 1e6) + " ms", slower / 0.01));
    }
    Double errors = errorRates.get(s.route);
    if (errors != null) {
      out.add(new Burn(s.method, s.route, "errors < " + (errors * 100) + "%", s.errorRatio / errors));
    }
    return out;
  }
}
