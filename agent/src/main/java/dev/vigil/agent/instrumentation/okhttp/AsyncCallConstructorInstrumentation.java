package dev.vigil.agent.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/** {@code Call.enqueue} makes an AsyncCall on the caller's thread: its context is remembered against it. */
public final class AsyncCallConstructorInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("okhttp3.RealCall$AsyncCall", "okhttp3.internal.connection.RealCall$AsyncCall");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return isConstructor();
  }

  @Override
  public String adviceClass() {
    return AsyncCallConstructorAdvice.class.getName();
  }

  public static final class AsyncCallConstructorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object asyncCall) {
      Bridge.httpClient().captureContext(asyncCall);
    }
  }
}
