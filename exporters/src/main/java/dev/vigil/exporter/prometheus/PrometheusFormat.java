package dev.vigil.exporter.prometheus;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0. The two differ in how counters
 * are typed, in {@code # UNIT}, in exemplars (OpenMetrics only) and in the closing {@code # EOF}.
 */
public final class PrometheusFormat {
  public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final boolean openMetrics;
  private double[] lastBounds;
  private String[] lastLe;

  private PrometheusFormat(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  public static PrometheusFormat text() {
    return new PrometheusFormat(false);
  }

  public static PrometheusFormat openMetrics() {
    return new PrometheusFormat(true);
  }

  /** OpenMetrics when the scraper's Accept header asks for it, as Prometheus does; else text 0.0.4. */
  public static PrometheusFormat negotiate(String accept) {
    return new PrometheusFormat(accept != null && accept.contains("application/openmetrics-text"));
  }

  public String contentType() {
    return openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE;
  }

  public void write(List<MetricFamily> families, Writer out) throws IOException {
    for (MetricFamily f : families) {
      if (!f.points.isEmpty()) {
        writeFamily(f, out);
      }
    }
    if (openMetrics) {
      out.write("# EOF\n");
    }
  }

  private void writeFamily(MetricFamily f, Writer out) throws IOException {
    boolean counter = f.type == MetricFamily.Type.COUNTER;
    String typeName = counter && !openMetrics ? f.name + "_total" : f.name;
    out.write("# TYPE " + typeName + " " + typeWord(f.type) + "\n");
    if (openMetrics && !f.unit.isEmpty() && f.name.endsWith("_" + f.unit)) {
      out.write("# UNIT " + f.name + " " + f.unit + "\n");
    }
    out.write("# HELP " + typeName + " " + escapeHelp(f.help) + "\n");
    for (Point p : f.points) {
      switch (f.type) {
        case COUNTER:
          sample(out, f.name + "_total", p.labels, null, null, p.value);
          break;
        case GAUGE:
          sample(out, f.name, p.labels, null, null, p.value);
          break;
        case HISTOGRAM:
          writeHistogram(out, f.name, p);
          break;
        case SUMMARY:
          writeSummary(out, f.name, p);
          break;
        default:
          throw new IllegalStateException("unknown type " + f.type);
      }
    }
  }

  private void writeHistogram(Writer out, String name, Point p) throws IOException {
    Point.Histogram h = p.histogram;
    String bucket = name + "_bucket";
    String[] le = leStrings(h.upperBounds);
    long cumulative = 0;
    for (int i = 0; i < h.counts.length; i++) {
      cumulative += h.counts[i];
      Point.Exemplar e = openMetrics && h.exemplars != null ? h.exemplars[i] : null;
      sample(out, bucket, p.labels, "le", le[i], cumulative, e);
    }
    sample(out, name + "_count", p.labels, null, null, cumulative);
    sample(out, name + "_sum", p.labels, null, null, h.sum);
  }

  /** The {@code le} values of one bucket layout, formatted once per scrape (series share their bounds array). */
  private String[] leStrings(double[] upperBounds) {
    if (upperBounds != lastBounds) {
      String[] le = new String[upperBounds.length + 1];
      for (int i = 0; i < upperBounds.length; i++) {
        le[i] = formatDouble(upperBounds[i]);
      }
      le[upperBounds.length] = "+Inf";
      lastBounds = upperBounds;
      lastLe = le;
    }
    return lastLe;
  }

  private void writeSummary(Writer out, String name, Point p) throws IOException {
    Point.Summary s = p.summary;
    for (int i = 0; i < s.quantiles.length; i++) {
      sample(out, name, p.labels, "quantile", formatDouble(s.quantiles[i]), s.values[i]);
    }
    sample(out, name + "_count", p.labels, null, null, s.count);
    sample(out, name + "_sum", p.labels, null, null, s.sum);
  }

  private static void sample(Writer out, String name, Labels labels, String extraName, String extraValue, double value)
      throws IOException {
    sample(out, name, labels, extraName, extraValue, value, null);
  }

  private static void sample(Writer out, String name, Labels labels, String extraName, String extraValue, double value,
      Point.Exemplar exemplar) throws IOException {
    out.write(name);
    String rendered = labels.rendered();
    boolean open = !rendered.isEmpty();
    if (open) {
      out.write('{');
      out.write(rendered);
    }
    if (extraName != null) {
      out.write(open ? ',' : '{');
      open = true;
      // le and quantile values are numbers: nothing to escape.
      out.write(extraName);
      out.write("=\"");
      out.write(extraValue);
      out.write('"');
    }
    if (open) {
      out.write('}');
    }
    out.write(' ');
    out.write(formatDouble(value));
    if (exemplar != null) {
      out.write(" # {trace_id=\"");
      out.write(exemplar.traceId);
      out.write("\",span_id=\"");
      out.write(exemplar.spanId);
      out.write("\"} ");
      out.write(formatDouble(exemplar.value));
      out.write(' ');
      out.write(formatDouble(exemplar.epochMillis / 1000.0));
    }
    out.write('\n');
  }

  /** Text 0.0.4 escapes backslash and newline in HELP; OpenMetrics escapes the double quote as well. */
  private String escapeHelp(String help) {
    String escaped = help.replace("\\", "\\\\").replace("\n", "\\n");
    return openMetrics ? escaped.replace("\"", "\\\"") : escaped;
  }

  private String typeWord(MetricFamily.Type type) {
    switch (type) {
      case COUNTER: return "counter";
      case GAUGE: return "gauge";
      case HISTOGRAM: return "histogram";
      default: return "summary";
    }
  }

  static String formatDouble(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
