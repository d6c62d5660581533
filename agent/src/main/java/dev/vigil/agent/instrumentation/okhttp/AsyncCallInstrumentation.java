package dev.vigil.agent.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * An enqueued call runs later on a dispatcher thread ({@code AsyncCall.run}; {@code execute} in OkHttp 3, under
 * NamedRunnable's final run): it runs, callback included, in the context of the thread that enqueued it, captured
 * when its AsyncCall was made ({@link AsyncCallConstructorInstrumentation}).
 */
public final class AsyncCallInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("okhttp3.RealCall$AsyncCall", "okhttp3.internal.connection.RealCall$AsyncCall");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return namedOneOf("run", "execute").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return RunAdvice.class.getName();
  }

  public static final class RunAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object asyncCall) {
      return Bridge.httpClient().attachContext(asyncCall);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
      Bridge.context().restore(token);
    }
  }
}
