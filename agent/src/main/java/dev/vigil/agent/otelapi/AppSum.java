package dev.vigil.agent.otelapi;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A counter (monotonic: a negative add is ignored) or an up-down counter: a sum per attribute set. An up-down counter
 * is a gauge on both wires (the exporters know no non-monotonic sum).
 */
final class AppSum extends AppInstrument {
  private final boolean monotonic;
  private final AppSeries<DoubleAdder> series = new AppSeries<>(DoubleAdder::new);

  AppSum(int kind, String name, String description, String unit, boolean monotonic) {
    super(kind, name, description, unit);
    this.monotonic = monotonic;
  }

  @Override
  void record(double value, Object[] attributes) {
    if (Double.isNaN(value) || Double.isInfinite(value) || monotonic && value < 0) {
      return;
    }
    series.get(attributes).add(value);
  }

  @Override
  void collect(List<MetricFamily> out) {
    List<Point> points = new ArrayList<>();
    series.forEach((key, sum) -> points.add(Point.value(labels(key), sum.sum())));
    if (!points.isEmpty()) {
      MetricFamily.Type type = monotonic ? MetricFamily.Type.COUNTER : MetricFamily.Type.GAUGE;
      out.add(MetricFamily.otel(name, unit, type, help, points));
    }
  }

  @Override
  long folded() {
    return series.folded();
  }
}
