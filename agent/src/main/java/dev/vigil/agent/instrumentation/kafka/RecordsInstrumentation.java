package dev.vigil.agent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import java.util.Iterator;
import java.util.function.UnaryOperator;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.kafka.common.header.Headers;

/**
 * {@code ConsumerRecords.iterator()} (a for-each over a poll's records, {@code forEach}): {@link KafkaConsumeTracing}
 * wraps the iterator so that each record's processing, from {@code next()} until the iteration moves on or ends, is a
 * CONSUMER span current on the thread.
 */
public final class RecordsInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.apache.kafka.clients.consumer.ConsumerRecords");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("iterator").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return IteratorAdvice.class.getName();
  }

  public static final class IteratorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    @SuppressWarnings("unchecked")
    public static void exit(@Advice.Return(readOnly = false) Iterator<?> iterator) {
      Object tracing = Bridge.helpers().shared(Headers.class,
          "dev.vigil.agent.instrumentation.kafka.KafkaConsumeTracing");
      if (tracing instanceof UnaryOperator && iterator != null) {
        iterator = ((UnaryOperator<Iterator<?>>) tracing).apply(iterator);
      }
    }
  }
}
