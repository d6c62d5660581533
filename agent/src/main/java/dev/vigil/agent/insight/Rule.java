package dev.vigil.agent.insight;

/** One row of the decision table: looks at a route's live signals and names a cause, or returns null. */
interface Rule {
  Cause check(RouteContext route);

  /** Milliseconds with one decimal, for evidence lines. */
  static String ms(double millis) {
    return Double.isNaN(millis) ? "-" : String.format(java.util.Locale.ROOT, millis >= 10 ? "%.0f" : "%.1f", millis);
  }

  static String pct(double ratio) {
    return String.format(java.util.Locale.ROOT, "%.0f%%", ratio * 100);
  }
}
