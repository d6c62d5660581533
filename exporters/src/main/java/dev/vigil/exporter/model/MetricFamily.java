package dev.vigil.exporter.model;

import java.util.List;
import java.util.function.Supplier;

/**
 * One metric and its points, in the shape both Prometheus formats and OTLP need. Its identity is the OpenTelemetry
 * name and UCUM unit ({@link #otelName}, {@link #otelUnit}); the Prometheus name is derived from them by
 * {@link PrometheusNames}, so the two wires cannot disagree on what a series is. A counter's Prometheus name has no
 * {@code _total} (the formats add it).
 */
public final class MetricFamily {
  public enum Type { COUNTER, GAUGE, HISTOGRAM, SUMMARY }

  /** The Prometheus name, without {@code _total}. */
  public final String name;
  public final String otelName;
  /** UCUM unit as OTLP carries it ("s", "By", "1", "{request}"), or "". */
  public final String otelUnit;
  public final Type type;
  public final String help;
  /** The Prometheus unit word: "seconds", "bytes", "ratio", or "" when the Prometheus name carries no unit. */
  public final String unit;
  public final List<Point> points;
  /**
   * For latency histograms: the same distribution as exponential histograms, built on demand (only when an exporter
   * asks for them: the conversion walks each recording). Null when the producer has none.
   */
  public final Supplier<List<Point>> exponential;
  /** Prometheus name of the exponential form, served as native histograms to a scraper that asks for protobuf. */
  public final String nativeName;

  private MetricFamily(String name, String otelName, String otelUnit, Type type, String help, String unit,
      List<Point> points, Supplier<List<Point>> exponential, String nativeName) {
    this.name = name;
    this.otelName = otelName;
    this.otelUnit = otelUnit == null ? "" : otelUnit;
    this.type = type;
    this.help = help;
    this.unit = unit == null ? "" : unit;
    this.points = points;
    this.exponential = exponential;
    this.nativeName = nativeName;
  }

  /** A family named the OpenTelemetry way; the Prometheus name follows by the specification's rules. */
  public static MetricFamily otel(String otelName, String otelUnit, Type type, String help, List<Point> points) {
    String unit = PrometheusNames.unitWord(otelUnit);
    return new MetricFamily(PrometheusNames.name(otelName, otelUnit), otelName, otelUnit, type, help, unit, points,
        null, null);
  }

  /**
   * A family named the Prometheus way ({@code jvm_memory_used_bytes}, unit "bytes"); its OpenTelemetry name is read
   * back by the reverse rule (unit suffix dropped, underscores as dots). Use {@link #otel} where that is not the
   * convention's name.
   */
  public MetricFamily(String name, Type type, String help, String unit, List<Point> points) {
    this(name, PrometheusNames.otelName(name, unit), PrometheusNames.ucum(unit), type, help, unit, points, null, null);
  }

  /**
   * The same family under a Prometheus name that departs from the rule, kept because dashboards know it (a gauge
   * whose rule name would end in {@code _count}, a score whose rule name would gain {@code _ratio}).
   */
  public MetricFamily prometheusName(String prometheusName, String prometheusUnit) {
    return new MetricFamily(prometheusName, otelName, otelUnit, type, help, prometheusUnit, points, exponential,
        nativeName);
  }

  /** The same family with other points (families of one name from several producers, merged). */
  public MetricFamily withPoints(List<Point> newPoints) {
    return new MetricFamily(name, otelName, otelUnit, type, help, unit, newPoints, exponential, nativeName);
  }

  /**
   * The same family with its distribution also available as exponential histograms: OTLP sends them in place of the
   * explicit buckets when asked; Prometheus gets them as native histograms under {@code prometheusNativeName} (a
   * family of its own: its series need not match the explicit ones, and Prometheus 2.x keeps only the native form of
   * a histogram that has both).
   */
  public MetricFamily withExponential(String prometheusNativeName, Supplier<List<Point>> exponentialPoints) {
    return new MetricFamily(name, otelName, otelUnit, type, help, unit, points, exponentialPoints,
        prometheusNativeName);
  }
}
