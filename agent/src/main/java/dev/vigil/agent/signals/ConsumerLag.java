package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil.kafka.consumer.lag}: per (system, consumer group, topic, partition) the messages a consumer is behind, as
 * its client last computed them. Capped like the other client series (a topic past the cap folds into {@code _other},
 * counted in {@code vigil.metric.series.folded});
 * a partition not reported for {@link #STALE_NANOS} (revoked, or its consumer gone) is no longer shown.
 */
public final class ConsumerLag implements MetricProducer {
  static final long STALE_NANOS = TimeUnit.MINUTES.toNanos(5);

  private final CappedSeries<Partition> partitions;

  public ConsumerLag(int maxSeries) {
    // CappedSeries' label slots, here: system, consumer group, topic (the one folded past the cap), partition
    this.partitions = new CappedSeries<>(maxSeries, Partition::new);
  }

  public void record(String system, String consumerGroup, String topic, int partition, long lag) {
    Partition p = partitions.get(system, consumerGroup == null ? "" : consumerGroup, topic, Integer.toString(partition));
    p.lag = lag;
    p.updatedNanos = System.nanoTime();
  }

  @Override
  public void collect(List<MetricFamily> out) {
    long now = System.nanoTime();
    List<Point> points = new ArrayList<>();
    for (Partition p : partitions.all()) {
      if (now - p.updatedNanos < STALE_NANOS) {
        points.add(Point.value(Labels.of("messaging_system", p.system, "messaging_consumer_group_name", p.group,
            "messaging_destination_name", p.topic, "messaging_destination_partition_id", p.partition), p.lag));
      }
    }
    out.add(MetricFamily.otel("vigil.kafka.consumer.lag", "{message}", Type.GAUGE,
        "Messages a consumer is behind the end of a partition, as its client last computed them.", points));
    out.add(FoldedSeries.family("kafka_consumer_lag", points.isEmpty(), partitions.folded()));
  }

  /** One partition's last reported lag. */
  static final class Partition {
    final String system;
    final String group;
    final String topic;
    final String partition;
    volatile long lag;
    volatile long updatedNanos;

    Partition(String system, String group, String topic, String partition) {
      this.system = system;
      this.group = group;
      this.topic = topic;
      this.partition = partition;
    }
  }
}
