package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.Scrape;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;
import java.util.Optional;
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
    }
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
