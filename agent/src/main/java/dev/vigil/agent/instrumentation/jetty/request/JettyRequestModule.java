package dev.vigil.agent.instrumentation.jetty.request;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/**
 * Jetty's outermost entry for a request: {@code HttpChannel.handle()} (9.4, 10) and {@code Server.handle(Request,
 * Response, Callback)} (12). The request's span stays current until it returns, so that the warning Jetty writes about a
 * servlet's exception, after the servlet returned, carries the request's ids. Nothing is counted here (the servlet
 * module counts).
 */
public final class JettyRequestModule implements InstrumentationModule {
  @Override
  public String name() {
    return "jetty-request";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("org.eclipse.jetty.server.Server");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HandleInstrumentation(HandleInstrumentation.CHANNEL, 0),
        new HandleInstrumentation(HandleInstrumentation.SERVER, 3));
  }
}
