package dev.vigil.agent.instrumentation.servlet.jakarta;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** The jakarta Servlet API (5.0 to 6.1): Jetty 12 ee10, Tomcat 10.1 and 11, and any container on jakarta.servlet. */
public final class ServletJakartaModule implements InstrumentationModule {
  @Override
  public String name() {
    return "servlet-jakarta";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("jakarta.servlet.Servlet", "jakarta.servlet.Filter", "jakarta.servlet.http.HttpServletMapping");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ServletInstrumentation(), new FilterInstrumentation());
  }
}
