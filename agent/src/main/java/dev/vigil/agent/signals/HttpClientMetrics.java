package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;

/** Outbound HTTP metrics: {@code http.client.request.duration} (OpenTelemetry HTTP conventions). */
public final class HttpClientMetrics implements MetricProducer {
  private final HttpClientRegistry registry;

  public HttpClientMetrics(HttpClientRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<Point> durations = new ArrayList<>();
    for (HttpClientSeries s : registry.all()) {
      Labels labels = Labels.of("http_request_method", s.method, "server_address", s.address,
          "server_port", s.port > 0 ? Integer.toString(s.port) : null,
          "http_response_status_code", s.status > 0 ? Integer.toString(s.status) : null,
          "error_type", s.errorType);
      durations.add(Point.histogram(labels, s.histogram.snapshot()));
    }
    out.add(MetricFamily.otel("http.client.request.duration", "s", Type.HISTOGRAM,
        "Duration of outbound HTTP requests.", durations));
    out.add(FoldedSeries.family("http.client.request.duration", durations.isEmpty(), registry.folded()));
  }
}
