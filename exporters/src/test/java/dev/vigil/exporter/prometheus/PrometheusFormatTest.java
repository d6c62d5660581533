package dev.vigil.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.Point;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusFormatTest {
  private static final MetricFamily COUNTER = new MetricFamily("jvm_class_loaded", Type.COUNTER,
      "Classes loaded since the JVM started.", "", List.of(Point.value(Labels.EMPTY, 1234)));
  private static final MetricFamily GAUGE = new MetricFamily("jvm_memory_used_bytes", Type.GAUGE, "Memory used.",
      "bytes", List.of(Point.value(Labels.of("jvm_memory_pool_name", "G1 Eden Space"), 1048576)));
  private static final Point.Exemplar EXEMPLAR =
      new Point.Exemplar("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 0.042, 1_700_000_000_123L);
  private static final MetricFamily HISTOGRAM = new MetricFamily("http_server_request_duration_seconds",
      Type.HISTOGRAM, "Duration of inbound HTTP requests.", "seconds", List.of(Point.histogram(
          Labels.of("http_route", "/orders/{id}", "error_type", null),
          new Point.Histogram(new double[] {0.1, 1}, new long[] {3, 2, 1}, 2.5,
              new Point.Exemplar[] {EXEMPLAR, null, null}))));
  private static final MetricFamily SUMMARY = new MetricFamily("vigil_http_server_latency_seconds", Type.SUMMARY,
      "Latency percentiles.", "seconds", List.of(Point.summary(Labels.of("http_route", "/a"),
          new Point.Summary(new double[] {0.5, 0.99}, new double[] {0.012, Double.NaN}, 7, 0.25))));

  private static String write(PrometheusFormat format, MetricFamily... families) throws Exception {
    StringWriter out = new StringWriter();
    format.write(List.of(families), out);
    return out.toString();
  }

  @Test
  void textFormat() throws Exception {
    assertThat(write(PrometheusFormat.text(), COUNTER, GAUGE, HISTOGRAM, SUMMARY)).isEqualTo(""
        + "# TYPE jvm_class_loaded_total counter\n"
        + "# HELP jvm_class_loaded_total Classes loaded since the JVM started.\n"
        + "jvm_class_loaded_total 1234\n"
        + "# TYPE jvm_memory_used_bytes gauge\n"
        + "# HELP jvm_memory_used_bytes Memory used.\n"
        + "jvm_memory_used_bytes{jvm_memory_pool_name=\"G1 Eden Space\"} 1048576\n"
        + "# TYPE http_server_request_duration_seconds histogram\n"
        + "# HELP http_server_request_duration_seconds Duration of inbound HTTP requests.\n"
        + "http_server_request_duration_seconds_bucket{http_route=\"/orders/{id}\",le=\"0.1\"} 3\n"
        + "http_server_request_duration_seconds_bucket{http_route=\"/orders/{id}\",le=\"1\"} 5\n"
        + "http_server_request_duration_seconds_bucket{http_route=\"/orders/{id}\",le=\"+Inf\"} 6\n"
        + "http_server_request_duration_seconds_count{http_route=\"/orders/{id}\"} 6\n"
        + "http_server_request_duration_seconds_sum{http_route=\"/orders/{id}\"} 2.5\n"
        + "# TYPE vigil_http_server_latency_seconds summary\n"
        + "# HELP vigil_http_server_latency_seconds Latency percentiles.\n"
        + "vigil_http_server_latency_seconds{http_route=\"/a\",quantile=\"0.5\"} 0.012\n"
        + "vigil_http_server_latency_seconds{http_route=\"/a\",quantile=\"0.99\"} NaN\n"
        + "vigil_http_server_latency_seconds_count{http_route=\"/a\"} 7\n"
        + "vigil_http_server_latency_seconds_sum{http_route=\"/a\"} 0.25\n");
  }

  @Test
  void openMetricsFormat() throws Exception {
    assertThat(write(PrometheusFormat.openMetrics(), COUNTER, GAUGE, HISTOGRAM)).isEqualTo(""
        + "# TYPE jvm_class_loaded counter\n"
        + "# HELP jvm_class_loaded Classes loaded since the JVM started.\n"
        + "jvm_class_loaded_total 1234\n"
        + "# TYPE jvm_memory_used_bytes gauge\n"
        + "# UNIT jvm_memory_used_bytes bytes\n"
        + "# HELP jvm_memory_used_bytes Memory used.\n"
        + "jvm_memory_used_bytes{jvm_memory_pool_name=\"G1 Eden Space\"} 1048576\n"
        + "# TYPE http_server_request_duration_seconds histogram\n"
        + "# UNIT http_server_request_duration_seconds seconds\n"
        + "# HELP http_server_request_duration_seconds Duration of inbound HTTP requests.\n"
        + "http_server_request_duration_seconds_bucket{http_route=\"/orders/{id}\",le=\"0.1\"} 3"
        + " # {trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\",span_id=\"00f067aa0ba902b7\"} 0.042 1.700000000123E9\n"
        + "http_server_request_duration_seconds_bucket{http_route=\"/orders/{id}\",le=\"1\"} 5\n"
        + "http_server_request_duration_seconds_bucket{http_route=\"/orders/{id}\",le=\"+Inf\"} 6\n"
        + "http_server_request_duration_seconds_count{http_route=\"/orders/{id}\"} 6\n"
        + "http_server_request_duration_seconds_sum{http_route=\"/orders/{id}\"} 2.5\n"
        + "# EOF\n");
  }

  @Test
  void exemplarsOnlyInOpenMetrics() throws Exception {
    assertThat(write(PrometheusFormat.text(), HISTOGRAM)).doesNotContain("trace_id").doesNotContain(" # ");
    assertThat(write(PrometheusFormat.openMetrics(), HISTOGRAM)).contains("trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"");
  }

  @Test
  void eofOnlyInOpenMetricsAndLast() throws Exception {
    assertThat(write(PrometheusFormat.text(), COUNTER)).doesNotContain("# EOF");
    assertThat(write(PrometheusFormat.openMetrics())).isEqualTo("# EOF\n");
    assertThat(write(PrometheusFormat.openMetrics(), COUNTER, GAUGE)).endsWith("\n# EOF\n");
  }

  @Test
  void labelValuesAndHelpAreEscaped() throws Exception {
    MetricFamily f = new MetricFamily("odd", Type.GAUGE, "Help with \\ backslash,\nnewline and \"quotes\".", "",
        List.of(Point.value(Labels.of("v", "a\"b\\c\nd"), 1)));
    assertThat(write(PrometheusFormat.text(), f))
        .contains("# HELP odd Help with \\\\ backslash,\\nnewline and \"quotes\".\n")
        .contains("odd{v=\"a\\\"b\\\\c\\nd\"} 1\n");
    assertThat(write(PrometheusFormat.openMetrics(), f))
        .contains("# HELP odd Help with \\\\ backslash,\\nnewline and \\\"quotes\\\".\n")
        .contains("odd{v=\"a\\\"b\\\\c\\nd\"} 1\n");
  }

  @Test
  void unicodeLabelValuesPassThrough() throws Exception {
    MetricFamily f = new MetricFamily("g", Type.GAUGE, "h", "", List.of(Point.value(Labels.of("route", "/café/☕"), 1)));
    assertThat(write(PrometheusFormat.text(), f)).contains("g{route=\"/café/☕\"} 1\n");
  }

  @Test
  void emptyFamiliesAreLeftOutAndAbsentLabelsSkipped() throws Exception {
    MetricFamily empty = new MetricFamily("nothing", Type.GAUGE, "none", "", List.of());
    MetricFamily allAbsent = new MetricFamily("g", Type.GAUGE, "h", "", List.of(Point.value(Labels.of("x", null), 2)));
    assertThat(write(PrometheusFormat.text(), empty, allAbsent)).doesNotContain("nothing").contains("\ng 2\n");
  }

  @Test
  void numbers() {
    assertThat(PrometheusFormat.formatDouble(3)).isEqualTo("3");
    assertThat(PrometheusFormat.formatDouble(-0.25)).isEqualTo("-0.25");
    assertThat(PrometheusFormat.formatDouble(1e20)).isEqualTo("1.0E20");
    assertThat(PrometheusFormat.formatDouble(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusFormat.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(PrometheusFormat.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void negotiationPicksOpenMetricsOnlyWhenAsked() {
    String prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    assertThat(PrometheusFormat.negotiate(prometheus).contentType())
        .isEqualTo(PrometheusFormat.OPENMETRICS_CONTENT_TYPE);
    assertThat(PrometheusFormat.negotiate("text/plain").contentType()).isEqualTo(PrometheusFormat.TEXT_CONTENT_TYPE);
    assertThat(PrometheusFormat.negotiate(null).contentType()).isEqualTo(PrometheusFormat.TEXT_CONTENT_TYPE);
    assertThat(PrometheusFormat.negotiate("*/*").contentType()).isEqualTo(PrometheusFormat.TEXT_CONTENT_TYPE);
  }
}
