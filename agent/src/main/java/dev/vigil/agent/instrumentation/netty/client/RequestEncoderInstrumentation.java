package dev.vigil.agent.instrumentation.netty.client;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.ssl.SslHandler;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every HTTP/1.x request Netty writes is encoded by {@code HttpObjectEncoder.encode} of an HttpRequestEncoder (the one
 * inside HttpClientCodec included), on the channel's event loop: the call starts there, against the channel, and its
 * trace headers are set on the request before its headers are encoded. Its parent is the context remembered for the
 * channel (the writing thread's, see {@link WriteTaskInstrumentation}, or a reactive caller's), else the current one.
 */
public final class RequestEncoderInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("io.netty.handler.codec.http.HttpObjectEncoder");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("encode").and(takesArguments(3));
  }

  @Override
  public String adviceClass() {
    return EncodeAdvice.class.getName();
  }

  public static final class EncodeAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object encoder, @Advice.Argument(0) ChannelHandlerContext ctx,
        @Advice.Argument(1) Object msg) {
      if (msg instanceof HttpRequest && encoder instanceof HttpRequestEncoder) {
        HttpRequest request = (HttpRequest) msg;
        ClientCall call = Bridge.httpClient().start(request.method().name(),
            ctx.pipeline().get(SslHandler.class) != null, request.headers().get(HttpHeaderNames.HOST),
            ctx.channel().remoteAddress(), request.uri(), ctx.channel());
        String[] headers = call == null ? new String[0] : call.headers();
        for (int i = 0; i + 1 < headers.length; i += 2) {
          request.headers().set(headers[i], headers[i + 1]);
        }
      }
    }
  }
}
