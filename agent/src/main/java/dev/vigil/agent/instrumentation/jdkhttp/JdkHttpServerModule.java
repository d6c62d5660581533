package dev.vigil.agent.instrumentation.jdkhttp;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** The JDK's built-in {@code com.sun.net.httpserver} server. */
public final class JdkHttpServerModule implements InstrumentationModule {
  @Override
  public String name() {
    return "jdk-httpserver";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("com.sun.net.httpserver.Filter$Chain");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new FilterChainInstrumentation());
  }
}
