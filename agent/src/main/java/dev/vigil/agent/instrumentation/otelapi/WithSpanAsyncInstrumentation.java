package dev.vigil.agent.instrumentation.otelapi;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.vigil.agent.otelapi.ApiNames;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A {@code @WithSpan} method returning a {@code CompletionStage} ({@code CompletableFuture} included): its span is
 * current while the method runs and ends when the returned stage completes (an exceptional completion is its error),
 * as the OpenTelemetry agent does.
 */
public final class WithSpanAsyncInstrumentation implements TypeInstrumentation {
  static final ElementMatcher.Junction<MethodDescription> RETURNS_STAGE = returns(isSubTypeOf(CompletionStage.class));

  @Override
  public ClassHint classHint() {
    return ClassHint.holdsConstant("L" + ApiNames.WITH_SPAN.replace('.', '/') + ";");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return declaresMethod(isAnnotatedWith(named(ApiNames.WITH_SPAN)).and(RETURNS_STAGE));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return isAnnotatedWith(named(ApiNames.WITH_SPAN)).and(not(isAbstract())).and(RETURNS_STAGE);
  }

  @Override
  public String adviceClass() {
    return WithSpanAsyncAdvice.class.getName();
  }

  public static final class WithSpanAsyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Origin Method method, @Advice.AllArguments Object[] args) {
      return Bridge.otelApi().startMethodSpan(method, args);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object span, @Advice.Return Object stage, @Advice.Thrown Throwable error) {
      Bridge.otelApi().endMethodSpan(span, stage, error);
    }
  }
}
