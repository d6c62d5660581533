package dev.vigil.agent.instrumentation.otelapi;

import dev.vigil.agent.otelapi.ApiNames;
import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Methods annotated {@code @WithSpan} (opentelemetry-instrumentation-annotations) become spans. */
public final class WithSpanModule implements InstrumentationModule {
  @Override
  public String name() {
    return "opentelemetry-annotations";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(ApiNames.WITH_SPAN);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new WithSpanInstrumentation(), new WithSpanAsyncInstrumentation());
  }
}
