package dev.vigil.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.Point;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What OtlpMetrics writes, read back with the real OTLP protobuf classes. */
class OtlpMetricsTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  private static Metric only(byte[] body) throws Exception {
    ExportMetricsServiceRequest r = ExportMetricsServiceRequest.parseFrom(body);
    return r.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0);
  }

  private static MetricFamily duration() {
    Point.Exemplar[] exemplars = {null, new Point.Exemplar(TRACE, SPAN, 0.0123, 1_764_043_200_123L), null};
    Point.Histogram h = new Point.Histogram(new double[] {0.01, 0.1}, new long[] {1, 2, 0}, 0.03, exemplars);
    Point.ExponentialHistogram e = new Point.ExponentialHistogram(-3, 0, 0, -2, new long[] {1, 0, 2}, 3, 0.03, 0.004,
        0.013);
    return MetricFamily.otel("http.server.request.duration", "s", Type.HISTOGRAM, "Duration.",
        List.of(Point.histogram(Labels.of("http_route", "/a"), h)))
        .withExponential("n_seconds", () -> List.of(Point.exponential(Labels.of("http_route", "/a"), e)));
  }

  @Test
  void histogramsCarryTheirExemplarsAsBytes() throws Exception {
    Metric m = only(OtlpMetrics.encode(Map.of(), "s", List.of(duration()), 1, 2, l -> l.replace('_', '.'), false));
    assertThat(m.getName()).isEqualTo("http.server.request.duration");
    assertThat(m.getUnit()).isEqualTo("s");
    HistogramDataPoint p = m.getHistogram().getDataPoints(0);
    assertThat(p.getExemplarsCount()).isEqualTo(1);
    Exemplar x = p.getExemplars(0);
    assertThat(x.getTraceId()).isEqualTo(ByteString.fromHex(TRACE));
    assertThat(x.getSpanId()).isEqualTo(ByteString.fromHex(SPAN));
    assertThat(x.getAsDouble()).isEqualTo(0.0123);
    assertThat(x.getTimeUnixNano()).isEqualTo(1_764_043_200_123_000_000L);
  }

  @Test
  void exponentialModeSendsTheExponentialForm() throws Exception {
    Metric m = only(OtlpMetrics.encode(Map.of(), "s", List.of(duration()), 1, 2, l -> l.replace('_', '.'), true));
    assertThat(m.hasExponentialHistogram()).isTrue();
    ExponentialHistogramDataPoint p = m.getExponentialHistogram().getDataPoints(0);
    assertThat(p.getScale()).isEqualTo(-3);
    assertThat(p.getPositive().getOffset()).isEqualTo(-2);
    assertThat(p.getPositive().getBucketCountsList()).containsExactly(1L, 0L, 2L);
    assertThat(p.getCount()).isEqualTo(3);
    assertThat(p.getMin()).isEqualTo(0.004);
    assertThat(p.getMax()).isEqualTo(0.013);
    assertThat(p.getAttributes(0).getKey()).isEqualTo("http.route");
  }

  @Test
  void anIdThatIsNotHexOfTheRightLengthIsLeftOut() {
    assertThat(OtlpMetrics.hex("abc", 16)).isNull();
    assertThat(OtlpMetrics.hex("zz".repeat(8), 8)).isNull();
    assertThat(OtlpMetrics.hex(SPAN, 8)).hasSize(8);
  }
}
