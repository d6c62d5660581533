package dev.vigil.agent.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.MessagingCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Consumer.handleDelivery(consumerTag, envelope, properties, body)} of every consumer class: the application's
 * own ({@code DefaultConsumer} subclasses) and the client's adapter of {@code DeliverCallback}. The processing is
 * timed on the dispatch thread, under a span whose parent is the context the message carried.
 */
public final class ConsumerInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.declaresMethod("handleDelivery")
        .withDescriptorStartingWith("(Ljava/lang/String;Lcom/rabbitmq/client/Envelope;");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(isInterface()).and(hasSuperType(named("com.rabbitmq.client.Consumer")));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("handleDelivery").and(takesArguments(4)).and(not(isAbstract()))
        .and(takesArgument(1, named("com.rabbitmq.client.Envelope")));
  }

  @Override
  public String adviceClass() {
    return DeliveryAdvice.class.getName();
  }

  public static final class DeliveryAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static MessagingCall enter(@Advice.Argument(1) Envelope envelope,
        @Advice.Argument(2) AMQP.BasicProperties props) {
      if (CallDepth.enter(CallDepth.MESSAGING_PROCESS) != 0) {
        return null;
      }
      return Bridge.messaging().process("rabbitmq", envelope.getExchange(), envelope.getRoutingKey(),
          props == null ? null : props.getHeaders());
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter MessagingCall call, @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.MESSAGING_PROCESS) == 0 && call != null) {
        call.end(error);
      }
    }
  }
}
