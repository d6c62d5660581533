package dev.vigil.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {
  @Test
  void oneFamilyReportedByTwoProducersIsWrittenOnce() throws Exception {
    MetricProducer http = out -> out.add(folded("http.server", 1));
    MetricProducer db = out -> out.add(folded("db.client.operation", 2));
    String text = new String(new PrometheusEndpoint(List.of(http, db)).handle(Map.of(), null).body,
        StandardCharsets.UTF_8);
    assertThat(text.split("# TYPE vigil_metric_series_folded", -1)).hasSize(2);
    assertThat(text).contains("vigil_metric_series_folded_total{metric=\"http.server\"} 1")
        .contains("vigil_metric_series_folded_total{metric=\"db.client.operation\"} 2");
  }

  private static MetricFamily folded(String metric, double value) {
    return new MetricFamily("vigil_metric_series_folded", MetricFamily.Type.COUNTER, "folded", "",
        List.of(Point.value(Labels.of("metric", metric), value)));
  }
}
