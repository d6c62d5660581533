package dev.vigil.agent.instrumentation.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;

/**
 * An attempt of a request got its connection (new or from the pool: {@code CONFIGURED}, on the event loop, just before
 * the request is written): the subscriber's context is handed to the channel, where the Netty encoder takes it as the
 * parent of the attempt's CLIENT span.
 */
public final class ConnectionConfiguredInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("reactor.netty.http.client.HttpClientConnect$HttpIOHandlerObserver");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("onStateChange").and(takesArguments(2));
  }

  @Override
  public String adviceClass() {
    return StateChangeAdvice.class.getName();
  }

  public static final class StateChangeAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("handler") Object handler, @Advice.Argument(0) Connection connection,
        @Advice.Argument(1) ConnectionObserver.State state) {
      if (state == ConnectionObserver.State.CONFIGURED) {
        Bridge.httpClient().handOverContext(handler, connection.channel());
      }
    }
  }
}
