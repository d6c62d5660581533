package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.Point;
import java.util.List;

/** {@code vigil.metric.series.folded} for one capped metric of a client library. */
final class FoldedSeries {
  private FoldedSeries() {}

  /**
   * The count of label sets folded into {@code _other}; no series before the library's first operation
   * ({@code noSeries} and nothing folded): an application without the library shows none of its series.
   */
  static MetricFamily family(String metric, boolean noSeries, long folded) {
    List<Point> points = noSeries && folded == 0 ? List.of() : List.of(Point.value(Labels.of("metric", metric), folded));
    return MetricFamily.otel("vigil.metric.series.folded", "{request}", Type.COUNTER,
        "New series folded into _other because their metric's series cap was reached.", points);
  }
}
