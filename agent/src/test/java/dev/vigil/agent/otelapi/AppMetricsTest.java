package dev.vigil.agent.otelapi;

import static dev.vigil.bootstrap.OtelApiHandler.COUNTER;
import static dev.vigil.bootstrap.OtelApiHandler.GAUGE;
import static dev.vigil.bootstrap.OtelApiHandler.HISTOGRAM;
import static dev.vigil.bootstrap.OtelApiHandler.OBSERVED;
import static dev.vigil.bootstrap.OtelApiHandler.UP_DOWN_COUNTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AppMetricsTest {
  private final AppMetrics metrics = new AppMetrics();

  @Test
  void anInstrumentKeepsItsOpenTelemetryNameAndGetsThePrometheusOneByTheRules() {
    metrics.instrument(COUNTER, "job.duration", "", "s", null).record(1, null);
    metrics.instrument(COUNTER, "app.orders", "", "{order}", null).record(1, null);
    assertThat(collect()).extracting(f -> f.otelName).containsExactlyInAnyOrder("job.duration", "app.orders");
    assertThat(collect()).extracting(f -> f.name).containsExactlyInAnyOrder("job_duration_seconds", "app_orders");
  }

  @Test
  void sumsPerAttributeSetWhateverTheOrderOfAttributes() {
    AppInstrument c = metrics.instrument(COUNTER, "app.orders", "Orders taken.", "", null);
    c.record(1, new Object[] {"app.tier", "gold", "region", "eu"});
    c.record(2, new Object[] {"region", "eu", "app.tier", "gold"});
    c.record(-5, null); // a counter never goes down
    c.record(0.5, null);
    assertThat(metrics.instrument(COUNTER, "app.orders", "", "", null)).isSameAs(c);
    assertThat(collect()).singleElement().satisfies(f -> {
      assertThat(f.name).isEqualTo("app_orders");
      assertThat(f.type).isEqualTo(MetricFamily.Type.COUNTER);
      assertThat(f.help).isEqualTo("Orders taken.");
      assertThat(f.points).extracting(p -> p.value).containsExactlyInAnyOrder(3.0, 0.5);
      Point tiered = f.points.stream().filter(p -> p.value == 3.0).findFirst().get();
      assertThat(tiered.labels.size()).isEqualTo(2);
    });
  }

  @Test
  void anUpDownCounterGoesDownAndIsAGauge() {
    AppInstrument c = metrics.instrument(UP_DOWN_COUNTER, "app.queue.depth", "", "{item}", null);
    c.record(5, null);
    c.record(-3, null);
    MetricFamily f = one("app.queue.depth");
    assertThat(f.type).isEqualTo(MetricFamily.Type.GAUGE);
    assertThat(f.points).singleElement().satisfies(p -> assertThat(p.value).isEqualTo(2.0));
  }

  @Test
  void aHistogramCountsIntoTheAdvisedBucketsUpperBoundInclusive() {
    AppInstrument h = metrics.instrument(HISTOGRAM, "app.order.size", "", "By", new double[] {10, 100});
    for (double v : new double[] {1, 10, 50, 100, 1000, -1}) {
      h.record(v, new Object[] {"app.tier", "gold"});
    }
    MetricFamily f = one("app.order.size");
    assertThat(f.type).isEqualTo(MetricFamily.Type.HISTOGRAM);
    assertThat(f.name).isEqualTo("app_order_size_bytes");
    Point.Histogram histogram = f.points.get(0).histogram;
    assertThat(histogram.upperBounds).containsExactly(10, 100);
    assertThat(histogram.counts).containsExactly(2, 2, 1); // a negative value is ignored
    assertThat(histogram.sum).isEqualTo(1161.0);
  }

  @Test
  void aHistogramWithoutAdviceHasTheSdkDefaultBuckets() {
    metrics.instrument(HISTOGRAM, "app.latency", "", "ms", null).record(7, null);
    Point.Histogram histogram = one("app.latency").points.get(0).histogram;
    assertThat(histogram.upperBounds).containsExactly(AppHistogram.DEFAULT_BOUNDS);
    assertThat(histogram.counts[2]).isEqualTo(1); // (5, 10]
  }

  @Test
  void aGaugeKeepsTheLastValueSet() {
    AppInstrument g = metrics.instrument(GAUGE, "app.temperature", "", "Cel", null);
    g.record(20, null);
    g.record(-4.5, null);
    assertThat(one("app.temperature").points).singleElement().satisfies(p -> assertThat(p.value).isEqualTo(-4.5));
  }

  @Test
  void observedInstrumentsAreWhatTheLatestCallbackRunSaw() {
    AppInstrument pool = metrics.instrument(GAUGE | OBSERVED, "app.pool.size", "", "", null);
    AppInstrument jobs = metrics.instrument(COUNTER | OBSERVED, "app.jobs.done", "", "", null);
    AtomicInteger runs = new AtomicInteger();
    AutoCloseable registration = metrics.callback(() -> {
      int run = runs.incrementAndGet();
      pool.record(10 * run, new Object[] {"pool", "main"});
      if (run == 1) {
        pool.record(1, new Object[] {"pool", "gone"});
      }
      jobs.record(100 * run, null);
    });
    collect();
    List<MetricFamily> second = collect();
    assertThat(second).filteredOn(f -> f.otelName.equals("app.pool.size")).singleElement()
        .satisfies(f -> assertThat(f.points).singleElement().satisfies(p -> {
          assertThat(p.value).isEqualTo(20.0);
          assertThat(p.labels.value(0)).isEqualTo("main");
        }));
    assertThat(second).filteredOn(f -> f.otelName.equals("app.jobs.done")).singleElement().satisfies(f -> {
      assertThat(f.type).isEqualTo(MetricFamily.Type.COUNTER);
      assertThat(f.points.get(0).value).isEqualTo(200.0);
    });
    close(registration);
    collect();
    assertThat(runs).hasValue(2);
  }

  @Test
  void aCallbackThatThrowsOrBlocksDoesNotBreakACollection() throws Exception {
    AppInstrument ok = metrics.instrument(GAUGE | OBSERVED, "app.ok", "", "", null);
    AppInstrument slow = metrics.instrument(GAUGE | OBSERVED, "app.slow", "", "", null);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowRuns = new AtomicInteger();
    AtomicInteger okRuns = new AtomicInteger();
    metrics.callback(() -> {
      throw new IllegalStateException("the application's bug");
    });
    metrics.callback(() -> ok.record(okRuns.incrementAndGet(), null));
    metrics.callback(() -> {
      slow.record(slowRuns.incrementAndGet(), null);
      if (slowRuns.get() == 2) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    assertThat(collect()).extracting(f -> f.otelName).contains("app.ok", "app.slow");
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        List<MetricFamily> whileBlocked = collect(); // waits for the blocked run at most the deadline
        assertThat(whileBlocked).extracting(f -> f.otelName).contains("app.ok", "app.slow");
        while (value(collect(), "app.ok") < 5) {
          Thread.sleep(10); // the blocked callback is set aside: the others run again on a fresh thread
        }
      });
      assertThat(slowRuns).as("the blocked callback is not run again while it is blocked").hasValue(2);
    } finally {
      release.countDown();
    }
  }

  private static double value(List<MetricFamily> families, String otelName) {
    return families.stream().filter(f -> f.otelName.equals(otelName)).findFirst().orElseThrow().points.get(0).value;
  }

  @Test
  void seriesInstrumentsAndKindsAreBounded() {
    AppInstrument c = metrics.instrument(COUNTER, "app.requests", "", "", null);
    for (int i = 0; i < AppSeries.MAX_SERIES + 100; i++) {
      c.record(1, new Object[] {"user", "u" + i});
    }
    for (int i = 0; i < 100; i++) {
      c.record(1, new Object[] {"key" + i, "v"}); // new label names: a few _other sets, then one overflow series
    }
    List<Point> points = one("app.requests").points;
    assertThat(points).hasSizeLessThanOrEqualTo(AppSeries.MAX_SERIES + 11);
    assertThat(points).anySatisfy(p -> {
      assertThat(p.labels.value(0)).isEqualTo("_other");
      assertThat(p.value).isEqualTo(100.0);
    });
    assertThat(collect()).filteredOn(f -> f.otelName.equals("vigil.metric.series.folded")).singleElement()
        .satisfies(f -> assertThat(f.points.get(0).value).isEqualTo(200.0));
    assertThat(metrics.instrument(GAUGE, "app.requests", "", "", null)).as("a name of another kind").isNull();
    for (int i = 1; i < AppMetrics.MAX_INSTRUMENTS; i++) {
      assertThat(metrics.instrument(COUNTER, "app.c" + i, "", "", null)).isNotNull();
    }
    assertThat(metrics.instrument(COUNTER, "one.too.many", "", "", null)).isNull();
  }

  private MetricFamily one(String otelName) {
    return collect().stream().filter(f -> f.otelName.equals(otelName)).findFirst().orElseThrow();
  }

  private List<MetricFamily> collect() {
    List<MetricFamily> out = new ArrayList<>();
    metrics.collect(out);
    return out;
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
