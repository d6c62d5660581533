package dev.vigil.agent.instrumentation.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.LogHandler;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.message.Message;

/**
 * {@code logMessage(fqcn, level, marker, message, thrown)} of Log4j core's {@code Logger} and {@code AsyncLogger}: an
 * enabled event passes it once, on the logging thread (the location-aware path is
 * {@link LoggerLocationInstrumentation}). When OTLP log export is on, the record goes to its queue.
 */
public final class LoggerInstrumentation implements TypeInstrumentation {
  static final ClassHint LOGGERS =
      ClassHint.named("org.apache.logging.log4j.core.Logger", "org.apache.logging.log4j.core.async.AsyncLogger");

  @Override
  public ClassHint classHint() {
    return LOGGERS;
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("logMessage").and(takesArguments(5)).and(takesArgument(0, String.class));
  }

  @Override
  public String adviceClass() {
    return LogMessageAdvice.class.getName();
  }

  public static final class LogMessageAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Logger logger, @Advice.Argument(1) Level level,
        @Advice.Argument(3) Message message, @Advice.Argument(4) Throwable thrown) {
      LogHandler logs = Bridge.logs();
      if (logs.exporting() && message != null) {
        logs.emit(0, level.name(), logger.getName(), message.getFormattedMessage(),
            thrown != null ? thrown : message.getThrowable());
      }
    }
  }
}
