package dev.vigil.agent.instrumentation.netty.client;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Netty 4.1 and 4.2 HTTP/1.x clients: requests written through HttpClientCodec or HttpRequestEncoder. */
public final class NettyClientModule implements InstrumentationModule {
  @Override
  public String name() {
    return "netty-client";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("io.netty.handler.codec.http.HttpClientCodec", "io.netty.handler.ssl.SslHandler");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new RequestEncoderInstrumentation(), new ResponseDecoderInstrumentation(),
        new WriteTaskInstrumentation(), new ClientCodecExceptionInstrumentation());
  }
}
