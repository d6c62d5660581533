package dev.vigil.agent.instrumentation.rabbitmq;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** The RabbitMQ Java client ({@code com.rabbitmq:amqp-client} 5.x): publishes, consumers' deliveries, polls. */
public final class RabbitMqModule implements InstrumentationModule {
  @Override
  public String name() {
    return "rabbitmq";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("com.rabbitmq.client.Channel", "com.rabbitmq.client.impl.ChannelN");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new PublishInstrumentation(), new ConsumerInstrumentation(), new GetInstrumentation());
  }
}
