package dev.vigil.agent.instrumentation.logback;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Logback classic 1.2 to 1.6: trace ids in each event's MDC, and log records for the OTLP log export. */
public final class LogbackModule implements InstrumentationModule {
  static final String LOGGING_EVENT = "ch.qos.logback.classic.spi.LoggingEvent";

  @Override
  public String name() {
    return "logback";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(LOGGING_EVENT, "ch.qos.logback.classic.spi.ThrowableProxy");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new LoggingEventMdcInstrumentation(), new CallAppendersInstrumentation());
  }
}
