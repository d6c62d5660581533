package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vigil.its.apps.Dbcp2App;
import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.DocumentedMetrics;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The golden signals pushed over OTLP/HTTP agree with what /metrics serves, under OpenTelemetry names. */
class OtlpMetricsIT {
  @Test
  void goldenSignalsArePushedFromTheSameSnapshots() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class).env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_SERVICE_NAME", "orders").env("OTEL_METRIC_EXPORT_INTERVAL", "300").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int i = 0; i < 6; i++) {
        assertThat(Http.get(base + "/orders/" + i).statusCode()).isEqualTo(200);
      }
      Scrape scrape = app.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 6);
      assertThat(scrape.sum("http_server_request_duration_seconds_count", "http_route", "/orders/{id}")).isEqualTo(6);

      HistogramDataPoint point = null;
      ExportMetricsServiceRequest last = null;
      for (int i = 0; i < 100 && point == null; i++) {
        Thread.sleep(100);
        List<ExportMetricsServiceRequest> all = receiver.metrics();
        if (!all.isEmpty()) {
          last = all.get(all.size() - 1);
          point = orders(last).filter(p -> p.getCount() == 6).orElse(null);
        }
      }
      assertThat(point).as("a pushed http.server.request.duration point with count 6; last push: %s", last).isNotNull();
      Metric duration = metric(last, "http.server.request.duration");
      assertThat(duration.getUnit()).isEqualTo("s");
      assertThat(duration.getHistogram().getAggregationTemporality())
          .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
      assertThat(point.getExplicitBoundsList()).startsWith(0.005, 0.01);
      assertThat(point.getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
      assertThat(attr(point.getAttributesList(), "http.request.method")).isEqualTo("GET");
      assertThat(attr(point.getAttributesList(), "http.response.status_code")).isEqualTo("200");
      assertThat(attr(last.getResourceMetrics(0).getResource().getAttributesList(), "service.name")).isEqualTo("orders");
      assertThat(metric(last, "http.server.active_requests").hasGauge()).isTrue();

      // Exemplars: the same last sampled request per bucket that /metrics shows, with real trace and span ids.
      List<ReceivedSpan> spans = receiver.await(s -> s.size() >= 6, AgentJvm.PATIENCE);
      assertThat(point.getExemplarsList()).as("exemplars of %s", point).isNotEmpty();
      for (Exemplar e : point.getExemplarsList()) {
        ReceivedSpan span = spans.stream().filter(s -> ByteString.fromHex(s.traceId).equals(e.getTraceId()))
            .findFirst().orElse(null);
        assertThat(span).as("a received span with the exemplar's trace id %s", e.getTraceId()).isNotNull();
        assertThat(e.getSpanId()).isEqualTo(ByteString.fromHex(span.spanId));
        assertThat(span.attributes).containsEntry("http.route", "/orders/{id}");
        assertThat(e.getAsDouble()).isPositive().isLessThan(60);
        assertThat(e.getTimeUnixNano()).isGreaterThan(point.getStartTimeUnixNano());
      }
      assertDocumentedOtelNames(receiver);
    }
  }

  @Test
  void connectionPoolFamiliesArePushedUnderTheirSemanticConventionNames() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(Dbcp2App.class).env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "300").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/query").statusCode()).isEqualTo(200);
      // the pool's gauges exist from start-up: a push made before the query ended has them but no operation yet
      ExportMetricsServiceRequest push = awaitPush(receiver, r -> metric(r, "db.client.connection.count") != null
          && metric(r, "db.client.connection.wait_time") != null && metric(r, "db.client.operation.duration") != null);
      Metric count = metric(push, "db.client.connection.count");
      assertThat(count.getGauge().getDataPointsList()).anySatisfy(p -> {
        assertThat(attr(p.getAttributesList(), "db.client.connection.state")).isIn("used", "idle");
        assertThat(attr(p.getAttributesList(), "db.client.connection.pool.name")).contains("vigil-dbcp");
      });
      assertThat(metric(push, "db.client.connection.wait_time").getUnit()).isEqualTo("s");
      assertDocumentedOtelNames(receiver);
    }
  }

  @Test
  void exponentialAggregationSendsLatencyAsBase2ExponentialHistograms() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class).env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "300")
            .env("OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION", "base2_exponential_bucket_histogram")
            .start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(base + "/orders/" + i).statusCode()).isEqualTo(200);
        assertThat(Http.get(base + "/orders/" + i + "/slow").statusCode()).isEqualTo(200);
      }
      ExportMetricsServiceRequest push = awaitPush(receiver, r -> slowPoint(r).filter(p -> p.getCount() == 3)
          .isPresent());
      ExponentialHistogramDataPoint slow = slowPoint(push).orElseThrow();
      assertThat(metric(push, "http.server.request.duration").getUnit()).isEqualTo("s");
      assertThat(slow.getScale()).isBetween(-10, 20);
      List<Long> counts = slow.getPositive().getBucketCountsList();
      assertThat(counts.size()).isBetween(1, 160);
      assertThat(counts.stream().mapToLong(Long::longValue).sum() + slow.getZeroCount()).isEqualTo(3);
      // Every request slept 300 ms: min and max lie in the buckets' range, and that range starts at 0.3 s or above.
      double base2 = Math.pow(2, Math.pow(2, -slow.getScale()));
      double lower = Math.pow(base2, slow.getPositive().getOffset());
      double upper = Math.pow(base2, slow.getPositive().getOffset() + counts.size());
      assertThat(slow.getMin()).isGreaterThanOrEqualTo(0.3).isBetween(lower, upper);
      assertThat(slow.getMax()).isBetween(lower, upper);
      assertThat(upper).isGreaterThanOrEqualTo(0.3);
      assertThat(slow.getSum()).isBetween(0.9 * 0.99, 60.0);
      assertDocumentedOtelNames(receiver);
    }
  }

  private static Optional<ExponentialHistogramDataPoint> slowPoint(ExportMetricsServiceRequest r) {
    Metric m = metric(r, "http.server.request.duration");
    return m == null || !m.hasExponentialHistogram() ? Optional.empty()
        : m.getExponentialHistogram().getDataPointsList().stream()
            .filter(p -> "/orders/{id}/slow".equals(attr(p.getAttributesList(), "http.route"))).findFirst();
  }

  private static ExportMetricsServiceRequest awaitPush(OtlpReceiver receiver,
      Predicate<ExportMetricsServiceRequest> done) throws InterruptedException {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    List<ExportMetricsServiceRequest> all = List.of();
    while (System.nanoTime() < deadline) {
      all = receiver.metrics();
      for (int i = all.size() - 1; i >= 0; i--) {
        if (done.test(all.get(i))) {
          return all.get(i);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no matching push within " + AgentJvm.PATIENCE + "; last: "
        + (all.isEmpty() ? "none" : all.get(all.size() - 1)));
  }

  /** Every name pushed is in docs/metrics.md's OpenTelemetry column, and none is a Prometheus rendering. */
  private static void assertDocumentedOtelNames(OtlpReceiver receiver) throws Exception {
    DocumentedMetrics docs = DocumentedMetrics.read();
    Set<String> pushed = receiver.metrics().stream().flatMap(r -> r.getResourceMetricsList().stream())
        .flatMap(rm -> rm.getScopeMetricsList().stream()).flatMap(sm -> sm.getMetricsList().stream())
        .map(Metric::getName).collect(Collectors.toSet());
    assertThat(pushed).isNotEmpty();
    assertThat(docs.otel).as("OpenTelemetry names in docs/metrics.md").containsAll(pushed);
    assertThat(pushed).as("pushed names").doesNotContainAnyElementsOf(docs.prometheus);
    ExportMetricsServiceRequest last = receiver.metrics().get(receiver.metrics().size() - 1);
    List<String> names = last.getResourceMetricsList().stream().flatMap(rm -> rm.getScopeMetricsList().stream())
        .flatMap(sm -> sm.getMetricsList().stream()).map(Metric::getName).collect(Collectors.toList());
    assertThat(names).as("each metric once per push (families of one name from several producers merged)")
        .doesNotHaveDuplicates();
  }

  private static Optional<HistogramDataPoint> orders(ExportMetricsServiceRequest r) {
    Metric m = metric(r, "http.server.request.duration");
    return m == null ? Optional.empty() : m.getHistogram().getDataPointsList().stream()
        .filter(p -> "/orders/{id}".equals(attr(p.getAttributesList(), "http.route"))).findFirst();
  }

  private static Metric metric(ExportMetricsServiceRequest r, String name) {
    return r.getResourceMetricsList().stream().flatMap(rm -> rm.getScopeMetricsList().stream())
        .flatMap(sm -> sm.getMetricsList().stream()).filter(m -> m.getName().equals(name)).findFirst().orElse(null);
  }

  private static String attr(List<KeyValue> attributes, String key) {
    return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue())
        .findFirst().orElse(null);
  }
}
