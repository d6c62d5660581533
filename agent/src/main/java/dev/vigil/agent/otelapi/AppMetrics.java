package dev.vigil.agent.otelapi;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The application's own OpenTelemetry counters, exported beside Vigil's metrics (/metrics and the OTLP push). Bounded:
 * at most {@link #MAX_COUNTERS} counters, and {@link #MAX_SERIES} attribute sets per counter; past it, new sets add to
 * one series whose every label is {@code _other}.
 */
public final class AppMetrics implements MetricProducer {
  static final int MAX_COUNTERS = 200;
  static final int MAX_SERIES = 500;
  private static final String OTHER = "_other";

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** The counter named {@code name} (made on first use), or null past the cap. */
  Counter counter(String name, String description, String unit) {
    String otelName = name == null || name.isEmpty() ? "unnamed" : name;
    String otelUnit = unit == null ? "" : unit;
    String metric = otelName + " " + otelUnit;
    Counter c = counters.get(metric);
    if (c == null) {
      if (counters.size() >= MAX_COUNTERS) {
        AgentLog.once(AgentLog.Level.WARN, "otel-api-counters", "the application made more than " + MAX_COUNTERS
            + " OpenTelemetry counters; the others are not exported", null);
        return null;
      }
      c = counters.computeIfAbsent(metric, m -> new Counter(otelName, description, otelUnit));
    }
    return c;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    for (Counter c : counters.values()) {
      List<Point> points = new ArrayList<>();
      c.series.forEach((key, sum) -> points.add(Point.value(labels(key), sum.sum())));
      if (!points.isEmpty()) {
        out.add(MetricFamily.otel(c.name, c.unit, MetricFamily.Type.COUNTER, c.help, points));
      }
    }
  }

  static String sanitize(String s) {
    StringBuilder b = new StringBuilder(s.length() + 1);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == '_' || ch >= '0' && ch <= '9' && i > 0;
      b.append(ok ? ch : '_');
    }
    return b.toString();
  }

  private static Labels labels(List<String> key) {
    String[] names = new String[key.size() / 2];
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = key.get(2 * i);
      values[i] = key.get(2 * i + 1);
    }
    return new Labels(names, values);
  }

  /** One counter, by its OpenTelemetry name and unit: a sum per attribute set (label names sanitized and sorted). */
  static final class Counter {
    final String name;
    final String help;
    final String unit;
    final Map<List<String>, DoubleAdder> series = new ConcurrentHashMap<>();

    Counter(String name, String help, String unit) {
      this.name = name;
      this.help = help == null || help.isEmpty() ? "Counter " + name + " of the application." : help;
      this.unit = unit;
    }

    void add(double value, Object[] attributes) {
      if (!(value > 0) || Double.isInfinite(value)) {
        return;
      }
      List<String> key = key(attributes);
      DoubleAdder sum = series.get(key);
      if (sum == null) {
        if (series.size() >= MAX_SERIES) {
          key = other(key);
        }
        sum = series.computeIfAbsent(key, k -> new DoubleAdder());
      }
      sum.add(value);
    }

    private static List<String> key(Object[] attributes) {
      if (attributes == null || attributes.length < 2) {
        return List.of();
      }
      String[][] pairs = new String[attributes.length / 2][];
      int n = 0;
      for (int i = 0; i + 1 < attributes.length; i += 2) {
        if (attributes[i] != null && attributes[i + 1] != null) {
          pairs[n++] = new String[] {sanitize(attributes[i].toString()), String.valueOf(attributes[i + 1])};
        }
      }
      String[][] used = Arrays.copyOf(pairs, n);
      Arrays.sort(used, (a, b) -> a[0].compareTo(b[0]));
      List<String> key = new ArrayList<>(2 * n);
      for (String[] p : used) {
        key.add(p[0]);
        key.add(p[1]);
      }
      return key;
    }

    private static List<String> other(List<String> key) {
      List<String> folded = new ArrayList<>(key.size());
      for (int i = 0; i < key.size(); i += 2) {
        folded.add(key.get(i));
        folded.add(OTHER);
      }
      return folded;
    }
  }
}
