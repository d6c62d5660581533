package dev.vigil.agent.instrumentation.jdkhttpclient;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** The JDK's {@code java.net.http.HttpClient} (Java 11+): {@code send} and {@code sendAsync}. */
public final class JdkHttpClientModule implements InstrumentationModule {
  @Override
  public String name() {
    return "jdk-httpclient";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("jdk.internal.net.http.HttpClientImpl");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HttpClientImplInstrumentation());
  }
}
