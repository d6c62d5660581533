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
 * The location-aware entry {@code log(level, marker, fqcn, location, message, thrown)} (Log4j 2.13+), recorded as
 * {@link LoggerInstrumentation} records {@code logMessage}.
 */
public final class LoggerLocationInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return LoggerInstrumentation.LOGGERS;
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("log").and(takesArguments(6)).and(takesArgument(3, StackTraceElement.class));
  }

  @Override
  public String adviceClass() {
    return LocationLogAdvice.class.getName();
  }

  public static final class LocationLogAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Logger logger, @Advice.Argument(0) Level level,
        @Advice.Argument(4) Message message, @Advice.Argument(5) Throwable thrown) {
      LogHandler logs = Bridge.logs();
      if (logs.exporting() && message != null) {
        logs.emit(0, level.name(), logger.getName(), message.getFormattedMessage(),
            thrown != null ? thrown : message.getThrowable());
      }
    }
  }
}
