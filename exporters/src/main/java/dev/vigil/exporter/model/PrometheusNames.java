package dev.vigil.exporter.model;

/**
 * OpenTelemetry metric names rendered for Prometheus, by the specification's compatibility rules: characters outside
 * {@code [a-zA-Z0-9_:]} become underscores, the unit becomes a suffix ({@code s} gives {@code _seconds}, {@code By}
 * {@code _bytes}, {@code 1} {@code _ratio}; annotations such as {@code {request}} give none) unless the name already
 * ends with it. {@code _total} for counters is added by the formats.
 */
public final class PrometheusNames {
  private PrometheusNames() {}

  public static String name(String otelName, String otelUnit) {
    String base = sanitize(otelName);
    String word = unitWord(otelUnit);
    return word.isEmpty() || base.endsWith("_" + word) ? base : base + "_" + word;
  }

  /** The Prometheus word for a UCUM unit: "seconds", "bytes", "ratio", or "" for none or annotations only. */
  public static String unitWord(String otelUnit) {
    if (otelUnit == null) {
      return "";
    }
    String u = otelUnit.replaceAll("\\{[^}]*}", "").trim();
    switch (u) {
      case "": return "";
      case "s": return "seconds";
      case "ms": return "milliseconds";
      case "By": return "bytes";
      case "1": return "ratio";
      default: return sanitize(u);
    }
  }

  /** The UCUM unit of a Prometheus unit word: the inverse of {@link #unitWord} for the words Vigil uses. */
  static String ucum(String word) {
    switch (word == null ? "" : word) {
      case "seconds": return "s";
      case "milliseconds": return "ms";
      case "bytes": return "By";
      case "ratio": return "1";
      default: return word == null ? "" : word;
    }
  }

  /** The OpenTelemetry name read back from a Prometheus one: unit suffix dropped, underscores as dots. */
  static String otelName(String prometheusName, String word) {
    String base = prometheusName;
    if (word != null && !word.isEmpty() && base.endsWith("_" + word)) {
      base = base.substring(0, base.length() - word.length() - 1);
    }
    return base.replace('_', '.');
  }

  private static String sanitize(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && i > 0 || c == ':';
      char out = ok ? c : '_';
      if (out != '_' || b.length() == 0 || b.charAt(b.length() - 1) != '_') {
        b.append(out);
      }
    }
    return b.toString();
  }
}
