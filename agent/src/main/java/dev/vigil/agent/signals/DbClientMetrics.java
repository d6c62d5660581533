package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Database client metrics: operation durations (OpenTelemetry DB conventions) and N+1 findings. */
public final class DbClientMetrics implements MetricProducer {
  private final DbOperationRegistry registry;
  private final NPlusOneFindings nPlusOne;

  public DbClientMetrics(DbOperationRegistry registry, NPlusOneFindings nPlusOne) {
    this.registry = registry;
    this.nPlusOne = nPlusOne;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<Point> durations = new ArrayList<>();
    for (OperationSeries s : registry.all()) {
      Labels labels = Labels.of("db_system_name", s.system, "db_operation_name", s.operation,
          "db_collection_name", s.target, "error_type", s.errorType);
      durations.add(Point.histogram(labels, s.histogram.snapshot()));
    }
    out.add(MetricFamily.otel("db.client.operation.duration", "s", Type.HISTOGRAM,
        "Duration of database client operations.", durations));
    if (nPlusOne != null) {
      out.add(MetricFamily.otel("vigil.db.n_plus_one", "{request}", Type.COUNTER,
          "Requests that ran one statement at least vigil.n_plus_one.threshold times (once per request and statement).",
          points(nPlusOne.counts())));
      out.add(MetricFamily.otel("vigil.db.n_plus_one.queries", "{statement}", Type.COUNTER,
          "Statements run by the requests vigil_db_n_plus_one counts (each request's count of its repeated statement).",
          points(nPlusOne.queries())));
    }
    out.add(FoldedSeries.family("db.client.operation", durations.isEmpty(), registry.folded()));
  }

  private static List<Point> points(Map<List<String>, Long> byRouteAndSystem) {
    List<Point> points = new ArrayList<>();
    for (Map.Entry<List<String>, Long> e : byRouteAndSystem.entrySet()) {
      points.add(Point.value(Labels.of("http_route", e.getKey().get(0), "db_system_name", e.getKey().get(1)),
          e.getValue()));
    }
    return points;
  }
}
