package dev.vigil.agent.instrumentation.spring.webflux;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Spring WebFlux 5.3 and later: names the route of requests a server instrumentation (Netty) records. */
public final class SpringWebFluxModule implements InstrumentationModule {
  @Override
  public String name() {
    return "spring-webflux";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("org.springframework.web.reactive.HandlerAdapter",
        "org.springframework.web.reactive.function.server.RouterFunctions");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HandlerAdapterInstrumentation());
  }
}
