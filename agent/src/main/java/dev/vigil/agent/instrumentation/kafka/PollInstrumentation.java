package dev.vigil.agent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import java.util.function.BiConsumer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Headers;

/**
 * {@code KafkaConsumer.poll(timeout)} (the {@code Duration} form, and 3.x's {@code long} form): after it,
 * {@link KafkaConsumeTracing} notes the consumer's group for the records' processing on this thread and reads its lag
 * per partition from the client's own state.
 */
public final class PollInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.apache.kafka.clients.consumer.KafkaConsumer");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("poll").and(takesArguments(1))
        .and(returns(named("org.apache.kafka.clients.consumer.ConsumerRecords")));
  }

  @Override
  public String adviceClass() {
    return PollAdvice.class.getName();
  }

  public static final class PollAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    @SuppressWarnings("unchecked")
    public static void exit(@Advice.This Object consumer, @Advice.Return ConsumerRecords<?, ?> records) {
      Object tracing = Bridge.helpers().shared(Headers.class,
          "dev.vigil.agent.instrumentation.kafka.KafkaConsumeTracing");
      if (tracing instanceof BiConsumer && records != null) {
        ((BiConsumer<Object, ConsumerRecords<?, ?>>) tracing).accept(consumer, records);
      }
    }
  }
}
