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

  /** The OpenTelemetry attribute key of a Prometheus label name ({@code http_route} is {@code http.route}). */
  public interface Naming {
    String attribute(String labelName);
  }

  /**
   * Encodes the families under their OpenTelemetry names and units. With {@code exponential}, a family that can give
   * its distribution as exponential histograms is sent as an OTLP ExponentialHistogram instead of explicit buckets.
   */
  public static byte[] encode(Map<String, String> resource, String scope, List<MetricFamily> families,
      long startEpochNanos, long nowEpochNanos, Naming naming, boolean exponential) {
    ProtoWriter res = new ProtoWriter();
    resource.forEach((k, v) -> res.message(1, keyValue(k, v)));
    ProtoWriter scopeMetrics = new ProtoWriter();
    ProtoWriter sc = new ProtoWriter();
    sc.string(1, scope);
    scopeMetrics.message(1, sc);
    for (MetricFamily f : families) {
      if (!f.points.isEmpty()) {
        scopeMetrics.message(2, exponential && f.exponential != null
            ? exponentialMetric(f, f.exponential.get(), startEpochNanos, nowEpochNanos, naming)
            : metric(f, startEpochNanos, nowEpochNanos, naming));
      }
    }
    ProtoWriter resourceMetrics = new ProtoWriter();
    resourceMetrics.message(1, res);
    resourceMetrics.message(2, scopeMetrics);
    ProtoWriter request = new ProtoWriter();
    request.message(1, resourceMetrics);
    return request.toByteArray();
  }

  private static ProtoWriter header(MetricFamily f) {
    ProtoWriter m = new ProtoWriter();
    m.string(1, f.otelName);
    m.string(2, f.help);
    m.string(3, f.otelUnit);
    return m;
  }

  private static ProtoWriter exponentialMetric(MetricFamily f, List<Point> points, long start, long now,
      Naming naming) {
    ProtoWriter m = header(f);
    ProtoWriter data = new ProtoWriter();
    for (Point p : points) {
      data.message(1, exponentialPoint(p, start, now, naming::attribute));
    }
    data.uint64(2, CUMULATIVE);
    m.message(10, data); // ExponentialHistogram
    return m;
  }

  private static ProtoWriter exponentialPoint(Point p, long start, long now, UnaryOperator<String> key) {
    Point.ExponentialHistogram h = p.exponential;
    ProtoWriter w = new ProtoWriter();
    attributes(w, 1, p.labels, key);
    w.fixed64(2, start);
    w.fixed64(3, now);
    w.fixed64(4, h.count);
    w.doubleField(5, h.sum);
    w.sint32(6, h.scale);
    w.fixed64(7, h.zeroCount);
    ProtoWriter positive = new ProtoWriter();
    positive.sint32(1, h.offset);
    positive.packedUint64(2, h.counts);
    w.message(8, positive);
    if (h.count > 0) {
      w.doubleField(12, h.min);
      w.doubleField(13, h.max);
    }
    w.doubleField(14, h.zeroThreshold);
    return w;
  }

  private static ProtoWriter metric(MetricFamily f, long start, long now, Naming naming) {
    ProtoWriter m = header(f);
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
    exemplars(w, h.exemplars);
    attributes(w, 9, p.labels, key);
    return w;
  }

  /** The exemplars /metrics shows in OpenMetrics, as OTLP Exemplars: trace and span id bytes, value, time. */
  private static void exemplars(ProtoWriter w, Point.Exemplar[] exemplars) {
    if (exemplars == null) {
      return;
    }
    for (Point.Exemplar e : exemplars) {
      byte[] traceId = e == null ? null : hex(e.traceId, 16);
      byte[] spanId = e == null ? null : hex(e.spanId, 8);
      if (traceId != null && spanId != null) {
        ProtoWriter x = new ProtoWriter();
        x.fixed64(2, e.epochMillis * 1_000_000L);
        x.doubleField(3, e.value);
        x.bytes(4, spanId);
        x.bytes(5, traceId);
        w.message(8, x);
      }
    }
  }

  /** Lower-case hex of exactly {@code length} bytes, else null (an id that is not one is left out, not guessed). */
  static byte[] hex(String s, int length) {
    if (s == null || s.length() != 2 * length) {
      return null;
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
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
