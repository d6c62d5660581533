package dev.vigil.agent.instrumentation.spring.webmvc;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/**
 * Spring MVC 6 and 7 (jakarta) and 5 (javax): refines the route the servlet instrumentation started with to the pattern
 * of the handler Spring picked.
 */
public final class SpringWebMvcModule implements InstrumentationModule {
  @Override
  public String name() {
    return "spring-webmvc";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("org.springframework.web.servlet.DispatcherServlet", "org.springframework.web.servlet.HandlerMapping");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    // the argument type picks the one that applies: jakarta.servlet or javax.servlet
    return List.of(new GetHandlerInstrumentation(), new GetHandlerJavaxInstrumentation());
  }
}
