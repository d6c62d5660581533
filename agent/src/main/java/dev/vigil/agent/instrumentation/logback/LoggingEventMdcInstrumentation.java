package dev.vigil.agent.instrumentation.logback;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.LogMdc;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code LoggingEvent.getMDCPropertyMap()}: Logback captures an event's MDC on its first call, on the logging thread
 * (the layout of a synchronous appender, or {@code prepareForDeferredProcessing} before an async hand-off). At that
 * moment the current span's ids join the captured map, and the event keeps it. The thread's MDC is never written, so
 * no id outlives its span, on pooled threads too.
 */
public final class LoggingEventMdcInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named(LogbackModule.LOGGING_EVENT);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("getMDCPropertyMap").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return MdcAdvice.class.getName();
  }

  public static final class MdcAdvice {
    /** True when this call captures the MDC (the event had none yet). */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.FieldValue("mdcPropertyMap") Map<String, String> captured) {
      return captured == null;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter boolean capturing,
        @Advice.Return(readOnly = false) Map<String, String> returned,
        @Advice.FieldValue(value = "mdcPropertyMap", readOnly = false) Map<String, String> field) {
      if (capturing && returned != null) {
        Map<String, String> withIds = LogMdc.withTraceIds(returned);
        if (withIds != returned) {
          field = withIds;
          returned = withIds;
        }
      }
    }
  }
}
