package dev.vigil.agent.instrumentation.jaxrs.jersey;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/**
 * Jersey 3 and 4 (JAX-RS on jakarta.ws.rs), on any servlet container or server Vigil already sees: refines the route
 * the server started with to the resource's {@code @Path} templates.
 */
public final class JerseyModule implements InstrumentationModule {
  @Override
  public String name() {
    return "jaxrs-jersey";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("org.glassfish.jersey.server.model.ResourceMethodInvoker",
        "org.glassfish.jersey.server.internal.process.RequestProcessingContext");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ResourceMethodInvokerInstrumentation());
  }
}
