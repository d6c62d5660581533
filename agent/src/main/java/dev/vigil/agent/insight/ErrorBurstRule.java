package dev.vigil.agent.insight;

import java.util.List;

/** 5% or more of the window's requests failed, at least {@link #MIN_ERRORS} of them. */
final class ErrorBurstRule implements Rule {
  static final double MIN_RATIO = 0.05;
  static final long MIN_ERRORS = 5;

  @Override
  public Cause check(RouteContext route) {
    double ratio = route.summary.errorRatio;
    long errors = Double.isNaN(ratio) ? 0 : Math.round(ratio * route.summary.windowRequests);
    if (errors < MIN_ERRORS || ratio < MIN_RATIO) {
      return null;
    }
    return new Cause("error_burst", Math.min(1, 0.5 + ratio / 2), "Errors: " + Rule.pct(ratio) + " of requests fail",
        List.of(errors + " of " + route.summary.windowRequests + " requests failed in the window"));
  }
}
