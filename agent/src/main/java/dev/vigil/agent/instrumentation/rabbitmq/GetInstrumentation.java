package dev.vigil.agent.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.MessagingCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code ChannelN.basicGet(queue, autoAck)}: the client polls a queue for one message, timed until the answer. */
public final class GetInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("com.rabbitmq.client.impl.ChannelN");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("basicGet").and(takesArguments(2)).and(takesArgument(0, String.class));
  }

  @Override
  public String adviceClass() {
    return GetAdvice.class.getName();
  }

  public static final class GetAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static MessagingCall enter(@Advice.Argument(0) String queue) {
      return Bridge.messaging().receive("rabbitmq", queue);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter MessagingCall call, @Advice.Thrown Throwable error) {
      if (call != null) {
        call.end(error);
      }
    }
  }
}
