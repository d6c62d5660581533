package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {
  @Test
  void lastLagPerPartitionCappedByTopic() {
    ConsumerLag lag = new ConsumerLag(3);
    assertThat(points(lag)).as("no series before the first poll").isEmpty();
    lag.record("kafka", "billing", "orders", 0, 7);
    lag.record("kafka", "billing", "orders", 0, 2);
    lag.record("kafka", "billing", "orders", 1, 0);
    lag.record("kafka", null, "audit", 0, 4);
    for (int i = 0; i < 10; i++) {
      lag.record("kafka", "billing", "topic-" + i, 0, i);
    }
    List<Point> points = points(lag);
    assertThat(points).filteredOn(p -> p.labels.rendered().contains("orders")).extracting(p -> p.value)
        .containsExactlyInAnyOrder(2.0, 0.0);
    assertThat(points).as("past the cap, new topics share one _other series per group and partition")
        .filteredOn(p -> p.labels.rendered().contains("topic-")).isEmpty();
    assertThat(points).hasSize(4);
    List<MetricFamily> out = new ArrayList<>();
    lag.collect(out);
    assertThat(out.get(1).points).singleElement().satisfies(p -> {
      assertThat(p.labels.rendered()).contains("kafka_consumer_lag");
      assertThat(p.value).as("topics folded past the cap").isEqualTo(10);
    });
  }

  private static List<Point> points(ConsumerLag lag) {
    List<MetricFamily> out = new ArrayList<>();
    lag.collect(out);
    assertThat(out).extracting(f -> f.name).startsWith("vigil_kafka_consumer_lag");
    return out.get(0).points;
  }
}
