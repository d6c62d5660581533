package dev.vigil.agent.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.ClientCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code RealCall.getResponseWithInterceptorChain} runs a whole call (interceptors, retries, redirects) on the thread
 * that executes it: the caller's for {@code execute}, a dispatcher thread for {@code enqueue} (just before the
 * callback). The call is remembered against the RealCall, where the interceptor chain finds it to add the headers.
 * Kotlin names the method {@code getResponseWithInterceptorChain$okhttp} in OkHttp 4 and 5.
 */
public final class RealCallInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("okhttp3.RealCall", "okhttp3.internal.connection.RealCall");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return ChainAdvice.class.getName();
  }

  public static final class ChainAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ClientCall enter(@Advice.This Call call) {
      if (CallDepth.enter(CallDepth.HTTP_CLIENT) != 0) {
        return null;
      }
      Request request = call.request();
      return Bridge.httpClient().start(request.method(), request.url().toString(), call);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter ClientCall clientCall, @Advice.Return Response response,
        @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.HTTP_CLIENT) == 0 && clientCall != null) {
        clientCall.end(response != null ? response.code() : 0, error);
      }
    }
  }
}
