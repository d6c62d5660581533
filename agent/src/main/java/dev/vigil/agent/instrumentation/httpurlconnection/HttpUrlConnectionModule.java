package dev.vigil.agent.instrumentation.httpurlconnection;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** The JDK's {@code java.net.HttpURLConnection} (its implementation, {@code sun.net.www.protocol.http}; HTTPS too). */
public final class HttpUrlConnectionModule implements InstrumentationModule {
  @Override
  public String name() {
    return "http-url-connection";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("sun.net.www.protocol.http.HttpURLConnection");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HttpUrlConnectionInstrumentation());
  }
}
