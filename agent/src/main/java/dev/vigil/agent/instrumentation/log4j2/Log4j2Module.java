package dev.vigil.agent.instrumentation.log4j2;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Log4j 2 core (2.7+): trace ids in each event's context data, and log records for the OTLP log export. */
public final class Log4j2Module implements InstrumentationModule {
  @Override
  public String name() {
    return "log4j2";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("org.apache.logging.log4j.core.ContextDataInjector", "org.apache.logging.log4j.util.StringMap");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ContextDataInjectorInstrumentation(), new LoggerInstrumentation(),
        new LoggerLocationInstrumentation());
  }
}
