package dev.vigil.agent.instrumentation.otelapi;

import dev.vigil.agent.otelapi.ApiNames;
import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** The application's own OpenTelemetry API (context, tracing, propagators) joins Vigil's: see README.md. */
public final class OtelApiModule implements InstrumentationModule {
  @Override
  public String name() {
    return "opentelemetry-api";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(ApiNames.LAZY_STORAGE);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ContextStorageInstrumentation(), new GlobalOpenTelemetryInstrumentation());
  }
}
