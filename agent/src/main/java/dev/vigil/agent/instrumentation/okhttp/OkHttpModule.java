package dev.vigil.agent.instrumentation.okhttp;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** OkHttp 3.9+, 4 and 5 (the {@code okhttp3} API): {@code Call.execute} and {@code Call.enqueue}. */
public final class OkHttpModule implements InstrumentationModule {
  @Override
  public String name() {
    return "okhttp";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("okhttp3.internal.http.RealInterceptorChain");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new RealCallInstrumentation(), new InterceptorChainInstrumentation(),
        new AsyncCallInstrumentation(), new AsyncCallConstructorInstrumentation());
  }
}
