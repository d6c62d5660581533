package dev.vigil.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The compare command's table: one line per route, columns aligned, baseline/canary side by side. */
final class CompareTable {
  private static final String[] HEADER = {"METHOD", "ROUTE", "VERDICT", "REQUESTS b/c", "SAMPLES b/c",
      "P50 ms b/c", "P99 ms b/c", "dP50 ms", "dP99 ms", "P(c>b)", "r", "p latency", "ERRORS % b/c", "p errors"};
  /** Columns of text, aligned left; the rest are numbers, aligned right. */
  private static final int TEXT_COLUMNS = 3;

  private CompareTable() {}

  static String render(List<RouteComparison> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (RouteComparison r : results) {
      rows.add(row(r));
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String pad = " ".repeat(widths[i] - row[i].length());
        line.append(i == 0 ? "" : "  ").append(i < TEXT_COLUMNS ? row[i] + pad : pad + row[i]);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String[] row(RouteComparison r) {
    RouteSamples b = r.baseline;
    RouteSamples c = r.canary;
    RouteSamples any = b != null ? b : c;
    double b50 = RouteComparison.quantileMs(b, 0.5);
    double c50 = RouteComparison.quantileMs(c, 0.5);
    double b99 = RouteComparison.quantileMs(b, 0.99);
    double c99 = RouteComparison.quantileMs(c, 0.99);
    return new String[] {
        any.method, any.route, r.verdict.label,
        count(b == null ? -1 : b.count) + "/" + count(c == null ? -1 : c.count),
        count(b == null ? -1 : b.latenciesMs.length) + "/" + count(c == null ? -1 : c.latenciesMs.length),
        ms(b50) + "/" + ms(c50), ms(b99) + "/" + ms(c99),
        signedMs(c50 - b50), signedMs(c99 - b99),
        fixed(r.cles()), fixed(r.rankBiserial()),
        p(r.latency == null ? Double.NaN : r.latency.p),
        percent(RouteComparison.errorRate(b)) + "/" + percent(RouteComparison.errorRate(c)),
        p(r.errors == null ? Double.NaN : r.errors.p)};
  }

  private static String count(long n) {
    return n < 0 ? "-" : Long.toString(n);
  }

  /** Three significant digits or so, as latencies are read. */
  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a < 10 ? "%.2f" : a < 100 ? "%.1f" : "%.0f", v);
  }

  private static String signedMs(double v) {
    return Double.isNaN(v) ? "-" : (v >= 0 ? "+" : "") + ms(v);
  }

  private static String fixed(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v * 100);
  }

  /** Two significant digits; tiny values in scientific notation. */
  static String p(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v >= 0.001 ? String.format(Locale.ROOT, "%.2g", v) : String.format(Locale.ROOT, "%.1e", v);
  }
}
