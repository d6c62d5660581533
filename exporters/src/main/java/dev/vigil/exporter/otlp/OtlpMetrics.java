package dev.vigil.exporter.otlp;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Encodes metric families as an OTLP {@code ExportMetricsServiceRequest} (protobuf), cumulative: the same snapshot
 * Prometheus reads. Names and label names are given back their OpenTelemetry form by the caller's mappings.
 */
public final class OtlpMetrics {
  private static final int CUMULATIVE = 2;

  private OtlpMetrics() {}

  /** How a family and its labels are named in OTLP: name, unit (UCUM, e.g. "s"), attribute key per label name. */
  public interface Naming {
    String name(MetricFamily family);

    String unit(MetricFamily family);

    String attribute(String labelName);
  }

  public static byte[] encode(Map<String, String> resource, String scope, List<MetricFamily> families,
      long startEpochNanos, long nowEpochNanos, Naming naming) {
    ProtoWriter res = new ProtoWriter();
    resource.forEach((k, v) -> res.message(1, keyValue(k, v)));
    ProtoWriter scopeMetrics = new ProtoWriter();
    ProtoWriter sc = new ProtoWriter();
    sc.string(1, scope);
    scopeMetrics.message(1, sc);
    for (MetricFamily f : families) {
      if (!f.points.isEmpty()) {
        scopeMetrics.message(2, metric(f, startEpochNanos, nowEpochNanos, naming));
      }
    }
    ProtoWriter resourceMetrics = new ProtoWriter();
    resourceMetrics.message(1, res);
    resourceMetrics.message(2, scopeMetrics);
    ProtoWriter request = new ProtoWriter();
    request.message(1, resourceMetrics);
    return request.toByteArray();
  }

  private static ProtoWriter metric(MetricFamily f, long start, long now, Naming naming) {
    ProtoWriter m = new ProtoWriter();
    m.string(1, naming.name(f));
    m.string(2, f.help);
    m.string(3, naming.unit(f));
    ProtoWriter data = new ProtoWriter();
    for (Point p : f.points) {
      switch (f.type) {
        case COUNTER:
        case GAUGE:
          data.message(1, number(p, start, now, naming::attribute));
          break;
        case HISTOGRAM:
          data.message(1, histogram(p, start, now, naming::attribute));
          break;
        default:
          data.message(1, summary(p, start, now, naming::attribute));
      }
    }
    switch (f.type) {
      case COUNTER:
        data.uint64(2, CUMULATIVE);
        data.bool(3, true);
        m.message(7, data); // Sum
        break;
      case GAUGE:
        m.message(5, data);
        break;
      case HISTOGRAM:
        data.uint64(2, CUMULATIVE);
        m.message(9, data);
        break;
      default:
        m.message(11, data);
    }
    return m;
  }

  private static void attributes(ProtoWriter w, int field, Labels labels, UnaryOperator<String> key) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.value(i) != null) {
        w.message(field, keyValue(key.apply(labels.name(i)), labels.value(i)));
      }
    }
  }

  private static ProtoWriter number(Point p, long start, long now, UnaryOperator<String> key) {
    ProtoWriter w = new ProtoWriter();
    w.fixed64(2, start);
    w.fixed64(3, now);
    w.doubleField(4, p.value);
    attributes(w, 7, p.labels, key);
    return w;
  }

  private static ProtoWriter histogram(Point p, long start, long now, UnaryOperator<String> key) {
    Point.Histogram h = p.histogram;
    ProtoWriter w = new ProtoWriter();
    w.fixed64(2, start);
    w.fixed64(3, now);
    w.fixed64(4, h.count());
    w.doubleField(5, h.sum);
    w.packedFixed64(6, h.counts);
    w.packedDouble(7, h.upperBounds);
    attributes(w, 9, p.labels, key);
    return w;
  }

  private static ProtoWriter summary(Point p, long start, long now, UnaryOperator<String> key) {
    Point.Summary s = p.summary;
    ProtoWriter w = new ProtoWriter();
    w.fixed64(2, start);
    w.fixed64(3, now);
    w.fixed64(4, s.count);
    w.doubleField(5, s.sum);
    for (int i = 0; i < s.quantiles.length; i++) {
      if (!Double.isNaN(s.values[i])) {
        ProtoWriter q = new ProtoWriter();
        q.doubleField(1, s.quantiles[i]);
        q.doubleField(2, s.values[i]);
        w.message(6, q);
      }
    }
    attributes(w, 7, p.labels, key);
    return w;
  }

  private static ProtoWriter keyValue(String key, String value) {
    ProtoWriter any = new ProtoWriter();
    any.string(1, value);
    ProtoWriter kv = new ProtoWriter();
    kv.string(1, key);
    kv.message(2, any);
    return kv;
  }
}
