package dev.vigil.agent.instrumentation.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * Log4j's built-in {@code ThreadContextDataInjector} implementations: {@code injectContextData} fills a new event's
 * context data from the ThreadContext, on the logging thread (async loggers included). The current span's ids are
 * added to that event's data; the ThreadContext itself is never written, so no id outlives its span. A frozen result
 * (the ThreadContext's own read-only map) is copied first.
 */
public final class ContextDataInjectorInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.nameStartsWith("org.apache.logging.log4j.core.impl.ThreadContextDataInjector$For");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("injectContextData").and(takesArguments(2));
  }

  @Override
  public String adviceClass() {
    return InjectAdvice.class.getName();
  }

  public static final class InjectAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Argument(1) StringMap reusable,
        @Advice.Return(readOnly = false) StringMap data) {
      String[] ids = Bridge.logs().currentIds();
      if (ids == null || data == null) {
        return;
      }
      if (data.isFrozen()) {
        StringMap copy = reusable != null && reusable != data && !reusable.isFrozen() ? reusable
            : new SortedArrayStringMap(data.size() + 3);
        copy.putAll(data);
        data = copy;
      }
      for (int i = 0; i + 1 < ids.length; i += 2) {
        if (!data.containsKey(ids[i])) {
          data.putValue(ids[i], ids[i + 1]);
        }
      }
    }
  }
}
