package dev.vigil.agent.instrumentation.reactornetty;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/**
 * Reactor Netty's HttpClient (1.2 and 1.3; Spring's WebClient runs on it): the caller's context and failures before a
 * request is sent. The requests themselves are recorded by the Netty client instrumentation.
 */
public final class ReactorNettyModule implements InstrumentationModule {
  @Override
  public String name() {
    return "reactor-netty";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("reactor.netty.http.client.HttpClientConnect$HttpIOHandlerObserver");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new SubscriptionInstrumentation(), new ConnectionConfiguredInstrumentation(),
        new AttemptFailedInstrumentation(), new InboundCancelInstrumentation());
  }
}
