package dev.vigil.agent.instrumentation.otelapi;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.otelapi.ApiNames;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import java.lang.reflect.Method;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A method annotated {@code @WithSpan} runs inside a span of its own, child of the current span; {@code @SpanAttribute}
 * parameters become attributes. Only classes whose constant pool names the annotation are parsed. Methods returning a
 * {@code CompletionStage} are {@link WithSpanAsyncInstrumentation}'s.
 */
public final class WithSpanInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.holdsConstant("L" + ApiNames.WITH_SPAN.replace('.', '/') + ";");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return declaresMethod(isAnnotatedWith(named(ApiNames.WITH_SPAN)));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return isAnnotatedWith(named(ApiNames.WITH_SPAN)).and(not(isAbstract()))
        .and(not(WithSpanAsyncInstrumentation.RETURNS_STAGE));
  }

  @Override
  public String adviceClass() {
    return WithSpanAdvice.class.getName();
  }

  public static final class WithSpanAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Origin Method method, @Advice.AllArguments Object[] args) {
      return Bridge.otelApi().startMethodSpan(method, args);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object span, @Advice.Thrown Throwable error) {
      Bridge.otelApi().endMethodSpan(span, null, error);
    }
  }
}
