package dev.vigil.agent.instrumentation.lettuce;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Lettuce 6 and later: every command a connection dispatches (sync, async, reactive, transactions). */
public final class LettuceModule implements InstrumentationModule {
  @Override
  public String name() {
    return "lettuce";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("io.lettuce.core.RedisChannelHandler", "io.lettuce.core.protocol.CompleteableCommand");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new DispatchInstrumentation());
  }
}
