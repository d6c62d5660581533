package dev.vigil.agent.otelapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppMetricsTest {
  @Test
  void aCounterKeepsItsOpenTelemetryNameAndGetsThePrometheusOneByTheRules() {
    AppMetrics metrics = new AppMetrics();
    metrics.counter("job.duration", "", "s").add(1, null);
    metrics.counter("app.orders", "", "{order}").add(1, null);
    List<MetricFamily> out = new ArrayList<>();
    metrics.collect(out);
    assertThat(out).extracting(f -> f.otelName).containsExactlyInAnyOrder("job.duration", "app.orders");
    assertThat(out).extracting(f -> f.name).containsExactlyInAnyOrder("job_duration_seconds", "app_orders");
  }

  @Test
  void sumsPerAttributeSetWhateverTheOrderOfAttributes() {
    AppMetrics metrics = new AppMetrics();
    AppMetrics.Counter c = metrics.counter("app.orders", "Orders taken.", "");
    c.add(1, new Object[] {"app.tier", "gold", "region", "eu"});
    c.add(2, new Object[] {"region", "eu", "app.tier", "gold"});
    c.add(-5, null); // a counter never goes down
    c.add(0.5, null);
    assertThat(metrics.counter("app.orders", "", "")).isSameAs(c);
    List<MetricFamily> out = new ArrayList<>();
    metrics.collect(out);
    assertThat(out).singleElement().satisfies(f -> {
      assertThat(f.name).isEqualTo("app_orders");
      assertThat(f.type).isEqualTo(MetricFamily.Type.COUNTER);
      assertThat(f.help).isEqualTo("Orders taken.");
      assertThat(f.points).extracting(p -> p.value).containsExactlyInAnyOrder(3.0, 0.5);
      Point tiered = f.points.stream().filter(p -> p.value == 3.0).findFirst().get();
      assertThat(tiered.labels.size()).isEqualTo(2);
    });
  }

  @Test
  void seriesAndCountersAreBounded() {
    AppMetrics metrics = new AppMetrics();
    AppMetrics.Counter c = metrics.counter("app.requests", "", "");
    for (int i = 0; i < AppMetrics.MAX_SERIES + 100; i++) {
      c.add(1, new Object[] {"user", "u" + i});
    }
    List<MetricFamily> out = new ArrayList<>();
    metrics.collect(out);
    List<Point> points = out.get(0).points;
    assertThat(points).hasSize(AppMetrics.MAX_SERIES + 1);
    assertThat(points).anySatisfy(p -> assertThat(p.value).isEqualTo(100.0));
    for (int i = 1; i < AppMetrics.MAX_COUNTERS; i++) {
      assertThat(metrics.counter("app.c" + i, "", "")).isNotNull();
    }
    assertThat(metrics.counter("one.too.many", "", "")).isNull();
  }
}
