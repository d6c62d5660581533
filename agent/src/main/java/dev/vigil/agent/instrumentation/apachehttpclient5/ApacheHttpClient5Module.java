package dev.vigil.agent.instrumentation.apachehttpclient5;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Apache HttpClient 5: the classic (blocking) client and the async client. */
public final class ApacheHttpClient5Module implements InstrumentationModule {
  @Override
  public String name() {
    return "apache-httpclient5";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("org.apache.hc.client5.http.impl.classic.CloseableHttpClient");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new CloseableHttpClientInstrumentation(), new AsyncExecuteInstrumentation(),
        new AsyncExecCallbackInstrumentation());
  }
}
