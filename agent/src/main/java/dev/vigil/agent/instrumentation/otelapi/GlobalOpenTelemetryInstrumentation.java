package dev.vigil.agent.instrumentation.otelapi;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
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
 * {@code GlobalOpenTelemetry.get()} (and {@code getOrNoop()}, and through them every {@code getTracer...}) answers
 * Vigil's bridge, whatever the application registered: its spans become Vigil's.
 */
public final class GlobalOpenTelemetryInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named(ApiNames.GLOBAL_OPEN_TELEMETRY);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return namedOneOf("get", "getOrNoop").and(isStatic()).and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return GetAdvice.class.getName();
  }

  public static final class GetAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Origin Class<?> global,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object openTelemetry) {
      Object bridged = Bridge.otelApi().openTelemetry(global);
      if (bridged != null) {
        openTelemetry = bridged;
      }
    }
  }
}
