package dev.vigil.agent.instrumentation.grpc;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** grpc-java 1.33 and later (servers and channels built by {@code ServerImplBuilder} and {@code ManagedChannelImplBuilder}). */
public final class GrpcModule implements InstrumentationModule {
  @Override
  public String name() {
    return "grpc";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("io.grpc.ForwardingServerCallListener", "io.grpc.internal.ServerImplBuilder");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(BuildInstrumentation.server(), BuildInstrumentation.channel());
  }
}
