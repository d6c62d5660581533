package dev.vigil.agent.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OTEL_METRICS_EXPORTER=console: one line per point, and only when asked for. */
class ConsoleMetricsTest {
  @Test
  void printsOneLinePerPoint() {
    MetricProducer producer = out -> out.add(new MetricFamily("http_server_active_requests", MetricFamily.Type.GAUGE,
        "", "", List.of(Point.value(Labels.of("http_route", "/a"), 2), Point.value(Labels.of("http_route", "/b"), 0))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleMetrics.forTest(List.of(producer)).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "[vigil] metric http_server_active_requests{http_route=\"/a\"} 2.0",
        "[vigil] metric http_server_active_requests{http_route=\"/b\"} 0.0");
  }

  @Test
  void onlyWhenTheMetricsExporterNamesConsole() {
    assertThat(OtlpMetricsPush.destinations(VigilConfig.of(Map.of(), Map.of("OTEL_METRICS_EXPORTER", "console"))))
        .containsExactly("console");
    assertThat(OtlpMetricsPush.destinations(VigilConfig.of(Map.of(), Map.of("OTEL_METRICS_EXPORTER", "console",
        "OTEL_SDK_DISABLED", "true")))).isEmpty();
    assertThat(OtlpMetricsPush.destinations(VigilConfig.of(Map.of(), Map.of()))).isEmpty();
  }
}
