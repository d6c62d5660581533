package dev.vigil.agent.instrumentation.otelapi;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.otelapi.ApiNames;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code LazyStorage.get()} is where every {@code Context.current()} and {@code makeCurrent()} of the application's
 * API finds its storage: it answers Vigil's bridge storage instead, so both sides share one current context.
 */
public final class ContextStorageInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named(ApiNames.LAZY_STORAGE);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("get").and(isStatic()).and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return GetAdvice.class.getName();
  }

  public static final class GetAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Origin Class<?> lazyStorage,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object storage) {
      Object bridged = Bridge.otelApi().contextStorage(lazyStorage);
      if (bridged != null) {
        storage = bridged;
      }
    }
  }
}
