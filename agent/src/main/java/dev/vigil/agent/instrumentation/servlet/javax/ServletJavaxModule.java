package dev.vigil.agent.instrumentation.servlet.javax;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** The javax Servlet API (3.0 to 4.0): Jetty 9.4 and 10, Tomcat 9, and any container on javax.servlet. */
public final class ServletJavaxModule implements InstrumentationModule {
  @Override
  public String name() {
    return "servlet-javax";
  }

  @Override
  public List<String> requiredClasses() {
    // DispatcherType is Servlet 3.0+: the advice needs it and getStatus()
    return List.of("javax.servlet.Servlet", "javax.servlet.Filter", "javax.servlet.DispatcherType");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ServletInstrumentation(), new FilterInstrumentation());
  }
}
