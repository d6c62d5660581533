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
  private final AppSeries<Sum> series = new AppSeries<>(Sum::new);

  AppSum(int kind, String name, String description, String unit, boolean monotonic) {
    super(kind, name, description, unit);
    this.monotonic = monotonic;
  }

  @Override
  Series series(Object[] attributes) {
    return series.get(attributes);
  }

  @Override
  void collect(List<MetricFamily> out) {
    List<Point> points = new ArrayList<>();
    series.forEach((key, sum) -> points.add(Point.value(labels(key), sum.sum.sum())));
    if (!points.isEmpty()) {
      MetricFamily.Type type = monotonic ? MetricFamily.Type.COUNTER : MetricFamily.Type.GAUGE;
      out.add(MetricFamily.otel(name, unit, type, help, points));
    }
  }

  @Override
  long folded() {
    return series.folded();
  }

  private final class Sum implements Series {
    final DoubleAdder sum = new DoubleAdder();

    @Override
    public void record(double value) {
      if (!Double.isNaN(value) && !Double.isInfinite(value) && !(monotonic && value < 0)) {
        sum.add(value);
      }
    }
  }
}
