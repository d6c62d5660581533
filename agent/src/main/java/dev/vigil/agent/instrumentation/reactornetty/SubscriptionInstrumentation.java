package dev.vigil.agent.instrumentation.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Each subscription to a request (MonoHttpConnect.subscribe, on the subscriber's thread) makes one HttpClientHandler,
 * kept through its retries and redirects: the subscriber's context is remembered against it.
 */
public final class SubscriptionInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("reactor.netty.http.client.HttpClientConnect$HttpClientHandler");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return isConstructor();
  }

  @Override
  public String adviceClass() {
    return HandlerConstructorAdvice.class.getName();
  }

  public static final class HandlerConstructorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object handler) {
      Bridge.httpClient().captureContext(handler);
    }
  }
}
