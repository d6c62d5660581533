package dev.vigil.agent.insight;

import dev.vigil.agent.signals.NPlusOneFindings;
import dev.vigil.agent.signals.RouteDependencies;
import java.util.ArrayList;
import java.util.List;

/** The route runs the same statement many times per request (an N+1 finding of the detector). */
final class NPlusOneRule implements Rule {
  @Override
  public Cause check(RouteContext route) {
    NPlusOneFindings.Finding worst = null;
    for (NPlusOneFindings.Finding f : route.nPlusOne) {
      if (worst == null || f.maxCount() > worst.maxCount()) {
        worst = f;
      }
    }
    if (worst == null) {
      return null;
    }
    List<String> evidence = new ArrayList<>();
    evidence.add("statement ran " + worst.maxCount() + " times in one request: " + worst.statement);
    evidence.add("flagged in " + worst.occurrences() + " requests");
    double perRequest = perRequest(route, worst.statement);
    if (!Double.isNaN(perRequest)) {
      evidence.add(String.format(java.util.Locale.ROOT, "%.1f executions per request on average", perRequest));
    }
    List<String> traces = worst.exampleTraceId() == null ? List.of() : List.of(worst.exampleTraceId());
    return new Cause("n_plus_one", 0.5 + Math.min(0.4, worst.maxCount() / 100.0),
        "N+1 queries: " + worst.maxCount() + " executions of one statement per request", evidence, traces);
  }

  private static double perRequest(RouteContext route, String statement) {
    if (route.dependencies == null || route.summary.requestsTotal == 0) {
      return Double.NaN;
    }
    for (RouteDependencies.Entry e : route.dependencies.statements()) {
      if (e.name.equals(statement)) {
        return (double) e.count() / route.summary.requestsTotal;
      }
    }
    return Double.NaN;
  }
}
