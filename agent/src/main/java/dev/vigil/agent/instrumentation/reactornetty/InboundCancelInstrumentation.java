package dev.vigil.agent.instrumentation.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import java.util.concurrent.CancellationException;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.netty.Connection;

/**
 * The subscriber cancelled while the response was still coming ({@code HttpClientOperations.onInboundCancel}): the
 * channel's call ends once, as a CancellationException (the connection's close that follows finds it ended).
 */
public final class InboundCancelInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("reactor.netty.http.client.HttpClientOperations");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("onInboundCancel").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return CancelAdvice.class.getName();
  }

  public static final class CancelAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Connection operations) {
      ClientCall call = Bridge.httpClient().started(operations.channel());
      if (call != null) {
        call.end(0, new CancellationException("the subscriber cancelled the request"));
      }
    }
  }
}
