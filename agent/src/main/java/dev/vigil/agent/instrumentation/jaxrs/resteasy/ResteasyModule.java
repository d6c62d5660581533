package dev.vigil.agent.instrumentation.jaxrs.resteasy;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/**
 * RESTEasy 6 and 7 (JAX-RS on jakarta.ws.rs), on any servlet container Vigil already sees: refines the route the
 * server started with to the resource method's full {@code @Path} template.
 */
public final class ResteasyModule implements InstrumentationModule {
  @Override
  public String name() {
    return "jaxrs-resteasy";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("org.jboss.resteasy.core.ResourceMethodInvoker", "org.jboss.resteasy.spi.metadata.ResourceMethod");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ResourceMethodInvokerInstrumentation(), new LocatorInvokerInstrumentation());
  }
}
