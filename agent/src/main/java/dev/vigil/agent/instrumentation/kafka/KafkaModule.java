package dev.vigil.agent.instrumentation.kafka;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Apache Kafka's Java client ({@code kafka-clients} 3.x and 4.x): producers' sends, consumers' polls and records. */
public final class KafkaModule implements InstrumentationModule {
  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public List<String> requiredClasses() {
    // ConsumerGroupMetadata: 2.5 and later; KafkaConsumer.currentLag, read by KafkaConsumeTracing, is 3.0 and later
    return List.of("org.apache.kafka.clients.producer.KafkaProducer",
        "org.apache.kafka.clients.consumer.ConsumerGroupMetadata");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new SendInstrumentation(), new PollInstrumentation(), new RecordsInstrumentation());
  }
}
