package dev.vigil.exporter.model;

import java.util.List;

/**
 * One metric and its points, in the shape both Prometheus formats and OTLP need. Names follow Prometheus conventions
 * already: a counter's name has no {@code _total} (the formats add it), a unit suffix such as {@code _seconds} is part of
 * the name and {@link #unit} repeats it.
 */
public final class MetricFamily {
  public enum Type { COUNTER, GAUGE, HISTOGRAM, SUMMARY }

  public final String name;
  public final Type type;
  public final String help;
  /** "seconds", "bytes", "ratio", or "" when the metric has no unit. */
  public final String unit;
  public final List<Point> points;

  public MetricFamily(String name, Type type, String help, String unit, List<Point> points) {
    this.name = name;
    this.type = type;
    this.help = help;
    this.unit = unit == null ? "" : unit;
    this.points = points;
  }
}
