package dev.vigil.agent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import java.util.function.BiFunction;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * {@code KafkaProducer.send(record, callback)} ({@code send(record)} delegates to it): {@link KafkaSendTracing} starts
 * the send, adds the trace context to the record's headers and puts its own callback in the application's place, which
 * ends the send when the broker answers and then runs the application's callback under the sender's context.
 */
public final class SendInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.apache.kafka.clients.producer.KafkaProducer");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("send").and(takesArguments(2))
        .and(takesArgument(0, named("org.apache.kafka.clients.producer.ProducerRecord")));
  }

  @Override
  public String adviceClass() {
    return SendAdvice.class.getName();
  }

  public static final class SendAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("unchecked")
    public static Callback enter(@Advice.Argument(0) ProducerRecord<?, ?> record,
        @Advice.Argument(value = 1, readOnly = false) Callback callback) {
      Object tracing = Bridge.helpers().shared(Headers.class, "dev.vigil.agent.instrumentation.kafka.KafkaSendTracing");
      if (!(tracing instanceof BiFunction) || record == null) {
        return null;
      }
      callback = ((BiFunction<ProducerRecord<?, ?>, Callback, Callback>) tracing).apply(record, callback);
      return callback;
    }

    /** A send that threw never calls its callback: the send ends here. */
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    @SuppressWarnings("unchecked")
    public static void exit(@Advice.Enter Callback traced, @Advice.Thrown Throwable error) {
      if (error != null && traced instanceof java.util.function.Consumer) {
        ((java.util.function.Consumer<Throwable>) traced).accept(error);
      }
    }
  }
}
