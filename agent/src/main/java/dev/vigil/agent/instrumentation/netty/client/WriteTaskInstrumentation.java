package dev.vigil.agent.instrumentation.netty.client;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A write from outside the channel's event loop becomes a WriteTask, made on the writing thread and run on the event
 * loop: for an HttpRequest, the writing thread's context is remembered against the channel, for the encoder to use.
 */
public final class WriteTaskInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("io.netty.channel.AbstractChannelHandlerContext$WriteTask");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("newInstance").and(takesArguments(4));
  }

  @Override
  public String adviceClass() {
    return NewWriteTaskAdvice.class.getName();
  }

  public static final class NewWriteTaskAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) Object msg) {
      if (msg instanceof HttpRequest) {
        Bridge.httpClient().captureContext(ctx.channel());
      }
    }
  }
}
