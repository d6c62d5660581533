package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recorders of every library are installed at start-up, whether or not the application uses it: none of their
 * producers may show a series before the library's first real event.
 */
class AbsentLibraryTest {

  @Test
  void noCacheSeriesBeforeTheFirstRead() {
    CacheRequests cache = new CacheRequests();
    CacheRequests.Counts redis = cache.counts("redis"); // what the Redis recorder does when installed
    assertThat(points(new CacheMetrics(cache))).isZero();
    redis.miss();
    assertThat(points(new CacheMetrics(cache))).isEqualTo(2);
    assertThat(cache.all()).extracting(c -> c.system).containsExactly("redis");
  }

  @Test
  void noDatabaseSeriesBeforeTheFirstOperation() {
    DbOperationRegistry operations = new DbOperationRegistry(10);
    DbClientMetrics metrics = new DbClientMetrics(operations, new NPlusOneFindings(10, 10));
    assertThat(points(metrics)).isZero();
    operations.series("h2", "SELECT", "items", null).record(1_000_000);
    assertThat(families(metrics)).filteredOn(f -> f.name.equals("vigil_metric_series_folded"))
        .singleElement().satisfies(f -> assertThat(f.points).hasSize(1));
  }

  @Test
  void noHttpClientSeriesBeforeTheFirstRequest() {
    HttpClientRegistry registry = new HttpClientRegistry(10, 10);
    assertThat(points(new HttpClientMetrics(registry))).isZero();
    registry.series("GET", "example.org", 443, 200, null);
    assertThat(points(new HttpClientMetrics(registry))).isEqualTo(2);
  }

  @Test
  void noPoolSeriesWithoutPools() {
    assertThat(points(new ConnectionPoolMetrics(List::of))).isZero();
    assertThat(points(new ExecutorMetrics(List::of))).isZero();
    assertThat(points(new Saturation(List::of, List::of))).isZero();
  }

  private static List<MetricFamily> families(MetricProducer producer) {
    List<MetricFamily> out = new ArrayList<>();
    producer.collect(out);
    return out;
  }

  private static int points(MetricProducer producer) {
    return families(producer).stream().mapToInt(f -> f.points.size()).sum();
  }
}
