package dev.vigil.agent.instrumentation.netty.server;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Netty 4.1 and 4.2 HTTP/1.x servers: any pipeline with {@code HttpServerCodec} (Reactor Netty's, a plain server's). */
public final class NettyHttpServerModule implements InstrumentationModule {
  @Override
  public String name() {
    return "netty-http-server";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("io.netty.channel.DefaultChannelPipeline", "io.netty.handler.codec.http.HttpServerCodec");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new PipelineInstrumentation());
  }
}
