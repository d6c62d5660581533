package dev.vigil.agent.instrumentation.netty.client;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code HttpObjectDecoder.decode} of an HttpResponseDecoder (HttpClientCodec's included) adds the decoded parts of a
 * response to its out list: the HttpResponse gives the status, the LastHttpContent ends the channel's call (not after
 * an informational 1xx, which another response follows). {@code decodeLast} runs when the input closes: a call still
 * open then got no complete response, and ends as a PrematureChannelClosureException.
 */
public final class ResponseDecoderInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("io.netty.handler.codec.http.HttpObjectDecoder");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return namedOneOf("decode", "decodeLast").and(takesArguments(3));
  }

  @Override
  public String adviceClass() {
    return DecodeAdvice.class.getName();
  }

  public static final class DecodeAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@Advice.Argument(2) List<Object> out) {
      return out.size();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This Object decoder, @Advice.Origin("#m") String method,
        @Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(2) List<Object> out, @Advice.Enter int from) {
      boolean closed = method.equals("decodeLast");
      if (!(decoder instanceof HttpResponseDecoder) || (out.size() == from && !closed)) {
        return;
      }
      ClientCall call = Bridge.httpClient().started(ctx.channel());
      int status = 0;
      for (int i = from; call != null && i < out.size(); i++) {
        Object part = out.get(i);
        if (part instanceof HttpResponse) {
          status = ((HttpResponse) part).status().code();
          call.responded(status);
        }
        if (part instanceof LastHttpContent && (status < 100 || status >= 200 || status == 101)) {
          call.end(0, null);
          call = null;
        }
      }
      if (call != null && closed) {
        call.end(0, new PrematureChannelClosureException("the connection closed before the response ended"));
      }
    }
  }
}
