package dev.vigil.agent.instrumentation.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import io.netty.handler.codec.http.HttpMethod;
import java.net.ConnectException;
import java.net.UnknownHostException;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every failed attempt of a request passes through {@code HttpClientHandler.test} (the retry filter). One that could
 * not connect (refused, timed out, unknown host) never wrote a request, so the Netty layer saw nothing: it is recorded
 * here, in the subscriber's context. Failures after the request was written (redirects, resets) are the Netty layer's.
 */
public final class AttemptFailedInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("reactor.netty.http.client.HttpClientConnect$HttpClientHandler");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("test").and(takesArguments(1)).and(takesArgument(0, Throwable.class));
  }

  @Override
  public String adviceClass() {
    return TestAdvice.class.getName();
  }

  public static final class TestAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object handler, @Advice.FieldValue("method") HttpMethod method,
        @Advice.FieldValue("toURI") Object uri, @Advice.Argument(0) Throwable error) {
      if (error instanceof ConnectException || error instanceof UnknownHostException) {
        Bridge.httpClient().failedBeforeSending(method.name(), String.valueOf(uri), handler, error);
      }
    }
  }
}
