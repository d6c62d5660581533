package dev.vigil.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.Point;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protobuf exposition, read back field by field (the real server reading it is PrometheusNativeHistogramIT). */
class PrometheusProtobufTest {
  @Test
  void theHeaderPrometheusSendsSelectsProtobuf() {
    assertThat(PrometheusProtobuf.accepted("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
        + "encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3,*/*;q=0.2")).isTrue();
    assertThat(PrometheusProtobuf.accepted("application/openmetrics-text; version=1.0.0")).isFalse();
    assertThat(PrometheusProtobuf.accepted(null)).isFalse();
  }

  @Test
  void nativeBucketsAreOneHigherThanOpenTelemetrysWithDeltas() {
    // OpenTelemetry buckets -3..0 at scale 0 with counts 2, 0, 5, 1 (empty edges trimmed).
    Point.ExponentialHistogram h = new Point.ExponentialHistogram(0, 0, 0, -4, new long[] {0, 2, 0, 5, 1, 0}, 8, 3, 0.2,
        1);
    List<long[]> fields = Proto.fields(PrometheusProtobuf.nativeHistogram(h).toByteArray());
    assertThat(Proto.varint(fields, 1)).isEqualTo(8); // count
    assertThat(Proto.zigzag(Proto.varint(fields, 5))).isZero(); // schema
    byte[] span = Proto.bytes(PrometheusProtobuf.nativeHistogram(h).toByteArray(), 12);
    List<long[]> spanFields = Proto.fields(span);
    assertThat(Proto.zigzag(Proto.varint(spanFields, 1))).isEqualTo(-2); // OpenTelemetry -3 is Prometheus -2
    assertThat(Proto.varint(spanFields, 2)).isEqualTo(4);
    long[] deltas = Proto.packedZigzag(Proto.bytes(PrometheusProtobuf.nativeHistogram(h).toByteArray(), 13));
    assertThat(deltas).containsExactly(2, -2, 5, -4);
  }

  @Test
  void aFamilyWithAnExponentialFormIsFollowedByItsNativeFamily() throws Exception {
    Point.Histogram classic = new Point.Histogram(new double[] {0.1}, new long[] {1, 0}, 0.05, null);
    Point.ExponentialHistogram e = new Point.ExponentialHistogram(3, 0, 0, -35, new long[] {1}, 1, 0.05, 0.05, 0.05);
    MetricFamily f = MetricFamily.otel("http.server.request.duration", "s", Type.HISTOGRAM, "d",
        List.of(Point.histogram(Labels.of("a", "b"), classic)))
        .withExponential("native_seconds", () -> List.of(Point.exponential(Labels.of("a", "b"), e)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusProtobuf.write(List.of(f, MetricFamily.otel("c", "", Type.COUNTER, "c", List.of(Point.value(
        Labels.EMPTY, 2)))), out);
    String text = new String(out.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).contains("http_server_request_duration_seconds", "native_seconds", "c_total");
    assertThat(text.indexOf("native_seconds")).isGreaterThan(text.indexOf("http_server_request_duration_seconds"));
  }

  @Test
  void downscalingMergesPairsOfBuckets() {
    Point.ExponentialHistogram h = new Point.ExponentialHistogram(10, 0, 0, -3, new long[] {1, 2, 3, 4}, 10, 1, 1, 1);
    Point.ExponentialHistogram d = h.downscaled(9);
    // indexes -3..0 at scale 10 become -2 (-3, -4 >> 1... -3 >> 1 = -2), -1 (-2, -1), 0 (0).
    assertThat(d.scale).isEqualTo(9);
    assertThat(d.offset).isEqualTo(-2);
    assertThat(d.counts).containsExactly(1, 5, 4);
  }

  /** Just enough protobuf reading for the assertions above. */
  static final class Proto {
    static List<long[]> fields(byte[] b) {
      List<long[]> out = new java.util.ArrayList<>();
      int[] pos = {0};
      while (pos[0] < b.length) {
        long tag = readVarint(b, pos);
        int type = (int) (tag & 7);
        long v;
        if (type == 0) {
          v = readVarint(b, pos);
        } else if (type == 1) {
          pos[0] += 8;
          v = -1;
        } else {
          long len = readVarint(b, pos);
          pos[0] += (int) len;
          v = -1;
        }
        out.add(new long[] {tag >>> 3, v});
      }
      return out;
    }

    static byte[] bytes(byte[] b, int field) {
      int[] pos = {0};
      while (pos[0] < b.length) {
        long tag = readVarint(b, pos);
        int type = (int) (tag & 7);
        if (type == 0) {
          readVarint(b, pos);
        } else if (type == 1) {
          pos[0] += 8;
        } else {
          int len = (int) readVarint(b, pos);
          if (tag >>> 3 == field) {
            return java.util.Arrays.copyOfRange(b, pos[0], pos[0] + len);
          }
          pos[0] += len;
        }
      }
      throw new AssertionError("no field " + field);
    }

    static long varint(List<long[]> fields, int field) {
      return fields.stream().filter(f -> f[0] == field).findFirst().orElseThrow()[1];
    }

    static long zigzag(long v) {
      return (v >>> 1) ^ -(v & 1);
    }

    static long[] packedZigzag(byte[] b) {
      List<Long> out = new java.util.ArrayList<>();
      int[] pos = {0};
      while (pos[0] < b.length) {
        out.add(zigzag(readVarint(b, pos)));
      }
      return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long readVarint(byte[] b, int[] pos) {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        byte x = b[pos[0]++];
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
      }
    }
  }
}
