package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;

/** The inbound HTTP golden signals as metric families, read from the registry on an exporter thread. */
public final class HttpServerMetrics implements MetricProducer {
  private final EndpointRegistry registry;

  public HttpServerMetrics(EndpointRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    long now = System.nanoTime();
    List<Point> durations = new ArrayList<>();
    List<Point> active = new ArrayList<>();
    List<Point> latency = new ArrayList<>();
    List<Point> apdex = new ArrayList<>();
    for (EndpointStats stats : registry.endpoints()) {
      Labels endpoint = stats.labels;
      if (endpoint == null) {
        stats.labels = endpoint = Labels.of("http_request_method", stats.method, "http_route", stats.route);
      }
      active.add(Point.value(endpoint, stats.inFlight()));
      double sumSeconds = 0;
      for (EndpointStats.StatusSeries s : stats.statuses()) {
        Point.Histogram h = s.histogram.snapshot();
        sumSeconds += h.sum;
        Labels series = s.labels;
        if (series == null) {
          s.labels = series = endpoint
              .with("http_response_status_code", Integer.toString(s.status))
              .with("error_type", errorType(s));
        }
        durations.add(Point.histogram(series, h));
      }
      EndpointSummary summary = EndpointSummary.of(stats, now);
      if (summary.requestsTotal > 0) {
        latency.add(Point.summary(endpoint, new Point.Summary(EndpointSummary.QUANTILES.clone(),
            summary.quantileSeconds, summary.requestsTotal, sumSeconds)));
      }
      if (!Double.isNaN(summary.apdex)) {
        apdex.add(Point.value(endpoint, summary.apdex));
      }
    }
    for (int m = 0; m < HttpMethods.NAMES.length; m++) {
      long pending = registry.pendingInFlight(m);
      if (pending != 0) {
        active.add(Point.value(Labels.of("http_request_method", HttpMethods.NAMES[m], "http_route", ""), pending));
      }
    }
    out.add(MetricFamily.otel("http.server.request.duration", "s", Type.HISTOGRAM,
        "Duration of inbound HTTP requests.", durations)
        .withExponential("vigil_http_server_latency_native_seconds", this::exponential));
    out.add(MetricFamily.otel("http.server.active_requests", "{request}", Type.GAUGE,
        "Inbound HTTP requests in flight (an empty route: first request of a route not yet resolved).", active));
    out.add(MetricFamily.otel("vigil.http.server.latency", "s", Type.SUMMARY,
        "Latency percentiles of inbound HTTP requests over the sliding window (HdrHistogram, 2 significant digits).",
        latency));
    // Unit 1 would render as vigil_apdex_score_ratio; dashboards know vigil_apdex_score.
    out.add(MetricFamily.otel("vigil.apdex.score", "1", Type.GAUGE,
        "Apdex score per endpoint over the sliding window (vigil.apdex.threshold, vigil.apdex.routes).", apdex)
        .prometheusName("vigil_apdex_score", ""));
    out.add(MetricFamily.otel("vigil.metric.series.folded", "{request}", Type.COUNTER,
        "Requests recorded under route _other because vigil.metrics.max_endpoints was reached.",
        List.of(Point.value(Labels.of("metric", "http.server"), registry.folded()))));
    out.add(MetricFamily.otel("vigil.metric.series.evicted", "{endpoint}", Type.COUNTER,
        "Endpoints of routes made from request paths removed to make room for another route, the idle ones first.",
        List.of(Point.value(Labels.of("metric", "http.server"), registry.evicted()))));
  }

  /**
   * Each endpoint's latency since start as an exponential histogram, from its HdrHistogram: one point per endpoint
   * (method and route; the recording does not keep status codes apart).
   */
  private List<Point> exponential() {
    List<Point> points = new ArrayList<>();
    for (EndpointStats stats : registry.endpoints()) {
      Point.ExponentialHistogram h = stats.exponential();
      if (h != null) {
        Labels endpoint = stats.labels;
        points.add(Point.exponential(endpoint != null ? endpoint
            : Labels.of("http_request_method", stats.method, "http_route", stats.route), h));
      }
    }
    return points;
  }

  /** OpenTelemetry error.type: the exception class, else the status code of a 5xx, else absent. */
  private static String errorType(EndpointStats.StatusSeries s) {
    if (s.errorType != null) {
      return s.errorType;
    }
    return s.status >= 500 ? Integer.toString(s.status) : null;
  }
}
