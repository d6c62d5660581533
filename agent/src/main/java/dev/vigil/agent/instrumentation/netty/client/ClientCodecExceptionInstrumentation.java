package dev.vigil.agent.instrumentation.netty.client;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpClientCodec;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * An exception reaching HttpClientCodec (a read failing, a malformed response, a read timeout) ends the channel's call
 * with it: {@code exceptionCaught} of CombinedChannelDuplexHandler, which HttpClientCodec inherits.
 */
public final class ClientCodecExceptionInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("io.netty.channel.CombinedChannelDuplexHandler");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("exceptionCaught").and(takesArguments(2));
  }

  @Override
  public String adviceClass() {
    return ExceptionAdvice.class.getName();
  }

  public static final class ExceptionAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object handler, @Advice.Argument(0) ChannelHandlerContext ctx,
        @Advice.Argument(1) Throwable cause) {
      ClientCall call = handler instanceof HttpClientCodec ? Bridge.httpClient().started(ctx.channel()) : null;
      if (call != null) {
        call.end(0, cause);
      }
    }
  }
}
