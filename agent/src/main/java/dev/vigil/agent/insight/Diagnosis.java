package dev.vigil.agent.insight;

import dev.vigil.agent.signals.NPlusOneFindings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The decision table: every rule runs on every route with traffic; anomalies (z-scores of the route's rate, p99 and
 * error % against its last hour) and SLO burns add causes of their own. Causes are ranked by score.
 */
final class Diagnosis {
  static final List<Rule> RULES = List.of(new PoolSaturationRule(), new NPlusOneRule(), new SlowDependencyRule(),
      new CpuBoundRule(), new GcPressureRule(), new QueueingRule(), new CacheMissRule(), new ErrorBurstRule(),
      new UntracedWaitRule());

  /** The diagnosis of one route. */
  static final class RouteDiagnosis {
    final String method;
    final String route;
    final boolean healthy;
    final List<Cause> causes;

    RouteDiagnosis(String method, String route, boolean healthy, List<Cause> causes) {
      this.method = method;
      this.route = route;
      this.healthy = healthy;
      this.causes = causes;
    }
  }

  /** An anomalous minute of one route's signal. */
  static final class Anomaly {
    final String method;
    final String route;
    final String signal;
    final ZScore z;

    Anomaly(String method, String route, String signal, ZScore z) {
      this.method = method;
      this.route = route;
      this.signal = signal;
      this.z = z;
    }
  }

  final List<RouteDiagnosis> routes = new ArrayList<>();
  final List<Anomaly> anomalies = new ArrayList<>();
  final List<Slo.Burn> slo = new ArrayList<>();

  static Diagnosis of(Insight in, Live live) {
    Diagnosis d = new Diagnosis();
    for (Live.Row row : live.rows) {
      RouteContext ctx = in.context(live, row);
      List<Cause> causes = new ArrayList<>();
      for (Rule rule : RULES) {
        Cause c = rule.check(ctx);
        if (c != null) {
          causes.add(c);
        }
      }
      RouteHistory h = in.history.of(row.summary.method, row.summary.route);
      if (h != null) {
        d.anomalies(row, h.last(RouteHistory.MINUTES), causes);
      }
      for (Slo.Burn b : in.slo.burns(row.stats, row.summary)) {
        d.slo.add(b);
        if (b.burnRate > 1) {
          causes.add(new Cause("slo_burn", Math.min(1, 0.4 + b.burnRate / 20), "SLO " + b.objective + " burns "
              + String.format(Locale.ROOT, "%.1f", b.burnRate) + "x its budget", List.of("objective " + b.objective,
              "burn rate " + String.format(Locale.ROOT, "%.2f", b.burnRate))));
        }
      }
      causes.sort(Comparator.comparingDouble((Cause c) -> -c.score));
      d.routes.add(new RouteDiagnosis(row.summary.method, row.summary.route, in.healthy(row), causes));
    }
    d.routes.sort(Comparator.comparing((RouteDiagnosis r) -> r.healthy)
        .thenComparingDouble(r -> r.causes.isEmpty() ? 0 : -r.causes.get(0).score)
        .thenComparing(r -> r.route).thenComparing(r -> r.method));
    return d;
  }

  private void anomalies(Live.Row row, RouteHistory.Series history, List<Cause> causes) {
    check(row, "rate", ZScore.ofLast(history.of(RouteHistory.RATE), 0.5), causes);
    check(row, "p99", ZScore.ofLast(history.of(RouteHistory.P99), 1.0), causes);
    check(row, "error_pct", ZScore.ofLast(history.of(RouteHistory.ERROR_PCT), 1.0), causes);
  }

  private void check(Live.Row row, String signal, ZScore z, List<Cause> causes) {
    if (z == null || !z.flagged()) {
      return;
    }
    anomalies.add(new Anomaly(row.summary.method, row.summary.route, signal, z));
    causes.add(new Cause("anomaly", Math.min(1, 0.2 + Math.abs(z.z) / 20), "Unusual " + signal + " for this route",
        List.of(String.format(Locale.ROOT, "%s %.2f vs %.2f on average over the last hour (z = %.1f)", signal,
            z.value, z.mean, z.z))));
  }

  /** The route's findings of the N+1 detector (all of them are bounded by its cap). */
  static List<NPlusOneFindings.Finding> nPlusOne(NPlusOneFindings findings, String route) {
    List<NPlusOneFindings.Finding> out = new ArrayList<>();
    if (findings != null) {
      for (NPlusOneFindings.Finding f : findings.top(Integer.MAX_VALUE)) {
        if (f.route.equals(route)) {
          out.add(f);
        }
      }
    }
    return out;
  }
}
