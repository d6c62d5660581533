package dev.vigil.agent.otelapi;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The last value per attribute set: a synchronous gauge's {@code set}, or what callbacks observed for an observable
 * gauge, counter or up-down counter. An observed series is exported only if the latest callback run observed it (a
 * set the application stopped reporting goes away, as with the SDK).
 */
final class AppGauge extends AppInstrument {
  private final MetricFamily.Type type;
  /** The number of the callback run in progress, and of the last one finished; null for a synchronous gauge. */
  private final LongSupplier running;
  private final LongSupplier completed;
  private final AppSeries<Slot> series = new AppSeries<>(Slot::new);

  AppGauge(int kind, String name, String description, String unit, MetricFamily.Type type, LongSupplier running,
      LongSupplier completed) {
    super(kind, name, description, unit);
    this.type = type;
    this.running = running;
    this.completed = completed;
  }

  @Override
  Series series(Object[] attributes) {
    return series.get(attributes);
  }

  @Override
  void collect(List<MetricFamily> out) {
    long latest = completed == null ? 0 : completed.getAsLong();
    List<Point> points = new ArrayList<>();
    series.forEach((key, s) -> {
      if (s.run >= latest) {
        points.add(Point.value(labels(key), s.value));
      }
    });
    if (!points.isEmpty()) {
      out.add(MetricFamily.otel(name, unit, type, help, points));
    }
  }

  @Override
  long folded() {
    return series.folded();
  }

  private final class Slot implements Series {
    volatile double value;
    volatile long run;

    @Override
    public void record(double v) {
      if (!Double.isNaN(v) && !Double.isInfinite(v)) {
        value = v;
        run = running == null ? 0 : running.getAsLong();
      }
    }
  }
}
