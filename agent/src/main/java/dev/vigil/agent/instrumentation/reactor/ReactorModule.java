package dev.vigil.agent.instrumentation.reactor;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/**
 * Reactor Core 3.5 and later: the context current where a Mono or Flux was subscribed is current again wherever its
 * signals are delivered, also on a thread that no scheduler handed it to (a Netty event loop).
 */
public final class ReactorModule implements InstrumentationModule {
  @Override
  public String name() {
    return "reactor";
  }

  @Override
  public List<String> requiredClasses() {
    // SignalListener came with 3.5
    return List.of("reactor.core.publisher.Hooks", "reactor.core.observability.SignalListener");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HooksInstrumentation());
  }
}
