package dev.vigil.agent.instrumentation.apachehttpclient4;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Apache HttpClient 4.3+ ({@code org.apache.http}), the blocking client. */
public final class ApacheHttpClient4Module implements InstrumentationModule {
  @Override
  public String name() {
    return "apache-httpclient4";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("org.apache.http.impl.client.CloseableHttpClient");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new CloseableHttpClient4Instrumentation());
  }
}
