package dev.vigil.agent.instrumentation.netty.server;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every handler added to a Netty pipeline goes through {@code DefaultChannelPipeline.addFirst/addLast/addBefore/addAfter}
 * with an executor group first (the other overloads delegate to them). When the added handler completes an HTTP server
 * codec ({@code HttpServerCodec}, or {@code HttpRequestDecoder} and {@code HttpResponseEncoder} both in place), Vigil's
 * {@link NettyServerHandler} is added right after it, once per pipeline: it sees decoded requests and the responses
 * before they are encoded. It is defined in netty's class loader ({@code Bridge.helpers()}).
 */
public final class PipelineInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("io.netty.channel.DefaultChannelPipeline");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return namedOneOf("addFirst", "addLast", "addBefore", "addAfter")
        .and(takesArgument(0, named("io.netty.util.concurrent.EventExecutorGroup")));
  }

  @Override
  public String adviceClass() {
    return AddAdvice.class.getName();
  }

  public static final class AddAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This ChannelPipeline pipeline, @Advice.AllArguments Object[] args) {
      Object added = args[args.length - 1];
      boolean codec = added instanceof HttpServerCodec || (added instanceof HttpRequestDecoder
          || added instanceof HttpResponseEncoder) && pipeline.get(HttpRequestDecoder.class) != null
          && pipeline.get(HttpResponseEncoder.class) != null;
      ChannelHandlerContext ctx = codec && pipeline.get("vigil.httpServer") == null
          ? pipeline.context((ChannelHandler) added) : null;
      Object handler = ctx == null ? null : Bridge.helpers().create(HttpServerCodec.class,
          "dev.vigil.agent.instrumentation.netty.server.NettyServerHandler");
      if (handler instanceof ChannelHandler) {
        pipeline.addAfter(ctx.name(), "vigil.httpServer", (ChannelHandler) handler);
      }
    }
  }
}
