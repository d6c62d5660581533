package dev.vigil.agent.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.rabbitmq.client.AMQP;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.MessagingCall;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ChannelN.basicPublish(exchange, routingKey, mandatory, immediate, props, body)} (and, from 5.38, the
 * {@code ByteBuffer} overload it delegates to): the message goes out with a copy of its properties whose headers add
 * the trace context; the caller's properties and header map are never changed.
 */
public final class PublishInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("com.rabbitmq.client.impl.ChannelN");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("basicPublish").and(takesArguments(6).or(takesArguments(7)))
        .and(takesArgument(4, named("com.rabbitmq.client.AMQP$BasicProperties")));
  }

  @Override
  public String adviceClass() {
    return PublishAdvice.class.getName();
  }

  public static final class PublishAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static MessagingCall enter(@Advice.Argument(0) String exchange, @Advice.Argument(1) String routingKey,
        @Advice.Argument(value = 4, readOnly = false) AMQP.BasicProperties props) {
      if (CallDepth.enter(CallDepth.MESSAGING_PUBLISH) != 0) {
        return null;
      }
      MessagingCall call = Bridge.messaging().publish("rabbitmq", exchange, routingKey,
          props == null ? null : props.getHeaders());
      Map<String, Object> headers = call == null ? null : call.headers();
      if (headers != null) {
        props = (props == null ? new AMQP.BasicProperties.Builder() : props.builder()).headers(headers).build();
      }
      return call;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter MessagingCall call, @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.MESSAGING_PUBLISH) == 0 && call != null) {
        call.end(error);
      }
    }
  }
}
