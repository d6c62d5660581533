package dev.vigil.agent.instrumentation.logback;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.LogHandler;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Logger.callAppenders(event)}: every event that passed the level and filters, once, on the logging thread.
 * When OTLP log export is on, the record goes to its queue.
 */
public final class CallAppendersInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("ch.qos.logback.classic.Logger");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("callAppenders").and(takesArguments(1));
  }

  @Override
  public String adviceClass() {
    return CallAppendersAdvice.class.getName();
  }

  public static final class CallAppendersAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ILoggingEvent event) {
      LogHandler logs = Bridge.logs();
      if (logs.exporting()) {
        IThrowableProxy proxy = event.getThrowableProxy();
        Throwable thrown = proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
        logs.emit(event.getTimeStamp(), event.getLevel().toString(), event.getLoggerName(),
            event.getFormattedMessage(), thrown);
      }
    }
  }
}
