package dev.vigil.agent.otelapi;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A histogram with explicit buckets: the application's advice, else the OpenTelemetry SDK's default boundaries.
 * A bucket holds values in (previous bound, bound], as the SDK counts them. Negative values are ignored, as the SDK
 * does.
 */
final class AppHistogram extends AppInstrument {
  static final double[] DEFAULT_BOUNDS =
      {0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};

  private final double[] bounds;
  private final AppSeries<Buckets> series;

  AppHistogram(int kind, String name, String description, String unit, double[] bounds) {
    super(kind, name, description, unit);
    this.bounds = bounds == null ? DEFAULT_BOUNDS : bounds.clone();
    this.series = new AppSeries<>(Buckets::new);
  }

  @Override
  Series series(Object[] attributes) {
    return series.get(attributes);
  }

  @Override
  void collect(List<MetricFamily> out) {
    List<Point> points = new ArrayList<>();
    series.forEach((key, b) -> {
      long[] counts = new long[b.counts.length()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = b.counts.get(i);
      }
      points.add(Point.histogram(labels(key), new Point.Histogram(bounds, counts, b.sum.sum(), null)));
    });
    if (!points.isEmpty()) {
      out.add(MetricFamily.otel(name, unit, MetricFamily.Type.HISTOGRAM, help, points));
    }
  }

  @Override
  long folded() {
    return series.folded();
  }

  private final class Buckets implements Series {
    final AtomicLongArray counts = new AtomicLongArray(bounds.length + 1);
    final DoubleAdder sum = new DoubleAdder();

    @Override
    public void record(double value) {
      if (value >= 0 && !Double.isInfinite(value)) {
        int i = Arrays.binarySearch(bounds, value);
        counts.incrementAndGet(i >= 0 ? i : -i - 1);
        sum.add(value);
      }
    }
  }
}
