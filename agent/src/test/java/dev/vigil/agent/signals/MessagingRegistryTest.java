package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.MetricFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagingRegistryTest {
  @Test
  void temporaryQueuesAreOneDestinationAndTheDefaultExchangeIsNamed() {
    assertThat(MessagingRegistry.destination("amq.gen-JzTY20BRgKO-HjmUJj0wLg")).isEqualTo("(temporary)");
    assertThat(MessagingRegistry.destination("amq.rabbitmq.reply-to.g1h2AA5yZXBseQ==")).isEqualTo("(temporary)");
    assertThat(MessagingRegistry.destination("amq.rabbitmq.reply-to")).as("the fixed address a client consumes from")
        .isEqualTo("amq.rabbitmq.reply-to");
    assertThat(MessagingRegistry.destination("orders")).isEqualTo("orders");
    assertThat(MessagingRegistry.destination("")).isEqualTo("(default)");
    assertThat(MessagingRegistry.destination(null)).isEqualTo("(default)");
  }

  @Test
  void destinationsPastTheCapFoldIntoOther() {
    MessagingRegistry registry = new MessagingRegistry(3);
    for (int i = 0; i < 5; i++) {
      registry.series("rabbitmq", "publish", "q" + i, null).record(1_000_000);
    }
    registry.series("rabbitmq", "publish", "q0", null).record(1_000_000);
    assertThat(registry.series("rabbitmq", "publish", "q0", null).count()).as("a known destination keeps its series")
        .isEqualTo(2);
    assertThat(registry.series("rabbitmq", "publish", MessagingRegistry.OTHER, null).count()).isEqualTo(2);
    assertThat(registry.folded()).isEqualTo(2);
    for (int i = 0; i < 100; i++) {
      registry.series("rabbitmq", "process", "p" + i, "java.lang.IllegalStateException");
    }
    assertThat(registry.all().size()).as("bounded, whatever arrives").isLessThanOrEqualTo(2 * 3 + 1);
  }

  @Test
  void noSeriesBeforeTheFirstMessageThenOneFamilyPerOperation() {
    MessagingRegistry registry = new MessagingRegistry(10);
    MessagingMetrics metrics = new MessagingMetrics(registry);
    assertThat(points(metrics)).as("no series of an application without messaging").isZero();
    registry.series("rabbitmq", "publish", "orders", null).record(2_000_000);
    registry.series("rabbitmq", "process", "orders", null).record(3_000_000);
    registry.series("rabbitmq", "process", "orders", null).record(3_000_000);
    List<MetricFamily> out = new ArrayList<>();
    metrics.collect(out);
    assertThat(family(out, "messaging.client.operation.duration").points).hasSize(1);
    assertThat(family(out, "messaging.process.duration").points).hasSize(1);
    assertThat(family(out, "messaging.client.operation.duration").otelUnit).isEqualTo("s");
  }

  private static int points(MessagingMetrics metrics) {
    List<MetricFamily> out = new ArrayList<>();
    metrics.collect(out);
    return out.stream().mapToInt(f -> f.points.size()).sum();
  }

  private static MetricFamily family(List<MetricFamily> families, String name) {
    return families.stream().filter(f -> f.otelName.equals(name)).findFirst().orElseThrow();
  }
}
