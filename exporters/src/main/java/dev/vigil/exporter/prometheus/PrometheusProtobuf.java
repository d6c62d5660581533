package dev.vigil.exporter.prometheus;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import dev.vigil.exporter.otlp.ProtoWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The Prometheus protobuf exposition format ({@code io.prometheus.client.MetricFamily}, length-delimited), which
 * Prometheus asks for when native histograms are on. Every family is written as in the text format; a family with an
 * exponential form is followed by it as native histograms (schema, zero bucket, positive spans and deltas).
 */
public final class PrometheusProtobuf {
  public static final String CONTENT_TYPE =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
  /** Prometheus accepts schemas -4 to 8. */
  static final int MAX_SCHEMA = 8;
  static final int MIN_SCHEMA = -4;
  /** Marks a histogram as native even while it is empty (what Prometheus's own clients send by default). */
  static final double ZERO_THRESHOLD = Math.scalb(1.0, -128);
  private static final int COUNTER = 0;
  private static final int GAUGE = 1;
  private static final int SUMMARY = 2;
  private static final int HISTOGRAM = 4;

  private PrometheusProtobuf() {}

  /** Whether the scraper's Accept header asks for the protobuf format. */
  public static boolean accepted(String accept) {
    return accept != null && accept.contains("application/vnd.google.protobuf")
        && accept.contains("proto=io.prometheus.client.MetricFamily");
  }

  public static void write(List<MetricFamily> families, OutputStream out) throws IOException {
    for (MetricFamily f : families) {
      if (!f.points.isEmpty()) {
        family(f).writeDelimited(out);
      }
      if (f.exponential != null && f.nativeName != null) {
        List<Point> points = f.exponential.get();
        if (!points.isEmpty()) {
          nativeFamily(f, points).writeDelimited(out);
        }
      }
    }
  }

  private static ProtoWriter family(MetricFamily f) {
    ProtoWriter w = new ProtoWriter();
    boolean counter = f.type == MetricFamily.Type.COUNTER;
    w.string(1, counter ? f.name + "_total" : f.name);
    w.string(2, f.help);
    w.uint64(3, typeCode(f.type));
    for (Point p : f.points) {
      ProtoWriter m = new ProtoWriter();
      labels(m, p.labels);
      switch (f.type) {
        case COUNTER: m.message(3, value(p.value)); break;
        case GAUGE: m.message(2, value(p.value)); break;
        case HISTOGRAM: m.message(7, classic(p.histogram)); break;
        default: m.message(4, summary(p.summary));
      }
      w.message(4, m);
    }
    return w;
  }

  private static ProtoWriter nativeFamily(MetricFamily f, List<Point> points) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, f.nativeName);
    w.string(2, f.help + " Native histogram per endpoint.");
    w.uint64(3, HISTOGRAM);
    for (Point p : points) {
      if (p.exponential != null && p.exponential.scale >= MIN_SCHEMA) {
        ProtoWriter m = new ProtoWriter();
        labels(m, p.labels);
        m.message(7, nativeHistogram(p.exponential.downscaled(MAX_SCHEMA)));
        w.message(4, m);
      }
    }
    return w;
  }

  private static int typeCode(MetricFamily.Type type) {
    switch (type) {
      case COUNTER: return COUNTER;
      case GAUGE: return GAUGE;
      case HISTOGRAM: return HISTOGRAM;
      default: return SUMMARY;
    }
  }

  private static void labels(ProtoWriter m, Labels labels) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.value(i) != null) {
        m.message(1, pair(labels.name(i), labels.value(i)));
      }
    }
  }

  private static ProtoWriter pair(String name, String value) {
    ProtoWriter p = new ProtoWriter();
    p.string(1, name);
    p.string(2, value);
    return p;
  }

  private static ProtoWriter value(double v) {
    ProtoWriter w = new ProtoWriter();
    w.doubleField(1, v);
    return w;
  }

  private static ProtoWriter summary(Point.Summary s) {
    ProtoWriter w = new ProtoWriter();
    w.uint64(1, s.count);
    w.doubleField(2, s.sum);
    for (int i = 0; i < s.quantiles.length; i++) {
      ProtoWriter q = new ProtoWriter();
      q.doubleField(1, s.quantiles[i]);
      q.doubleField(2, s.values[i]);
      w.message(3, q);
    }
    return w;
  }

  /** Cumulative buckets without +Inf (the count is its value), each with its exemplar when it has one. */
  private static ProtoWriter classic(Point.Histogram h) {
    ProtoWriter w = new ProtoWriter();
    long cumulative = 0;
    for (int i = 0; i < h.upperBounds.length; i++) {
      cumulative += h.counts[i];
      ProtoWriter b = new ProtoWriter();
      b.uint64(1, cumulative);
      b.doubleField(2, h.upperBounds[i]);
      Point.Exemplar e = h.exemplars == null ? null : h.exemplars[i];
      if (e != null) {
        b.message(3, exemplar(e));
      }
      w.message(3, b);
    }
    w.uint64(1, h.count());
    w.doubleField(2, h.sum);
    return w;
  }

  private static ProtoWriter exemplar(Point.Exemplar e) {
    ProtoWriter w = new ProtoWriter();
    w.message(1, pair("trace_id", e.traceId));
    w.message(1, pair("span_id", e.spanId));
    w.doubleField(2, e.value);
    ProtoWriter ts = new ProtoWriter();
    ts.uint64(1, e.epochMillis / 1000);
    ts.uint64(2, (e.epochMillis % 1000) * 1_000_000);
    w.message(3, ts);
    return w;
  }

  /**
   * A native histogram. OpenTelemetry's bucket i holds (base^i, base^(i+1)], Prometheus's bucket i holds
   * (base^(i-1), base^i]: the same bucket is one higher here. One span covers every bucket from the first to the last
   * populated one; counts go as deltas from the previous bucket.
   */
  static ProtoWriter nativeHistogram(Point.ExponentialHistogram h) {
    ProtoWriter w = new ProtoWriter();
    w.uint64(1, h.count);
    w.doubleField(2, h.sum);
    w.sint32(5, h.scale);
    w.doubleField(6, Math.max(h.zeroThreshold, ZERO_THRESHOLD));
    w.uint64(7, h.zeroCount);
    int first = 0;
    int last = h.counts.length - 1;
    while (first <= last && h.counts[first] == 0) {
      first++;
    }
    while (last >= first && h.counts[last] == 0) {
      last--;
    }
    if (first <= last) {
      ProtoWriter span = new ProtoWriter();
      span.sint32(1, h.offset + first + 1);
      span.uint64(2, last - first + 1);
      w.message(12, span);
      long[] deltas = new long[last - first + 1];
      long previous = 0;
      for (int i = first; i <= last; i++) {
        deltas[i - first] = h.counts[i] - previous;
        previous = h.counts[i];
      }
      w.packedSint64(13, deltas);
    }
    return w;
  }
}
