package dev.vigil.agent.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * OkHttp's Request is immutable, and the call holds it in a final field: the trace headers are added where the call
 * first hands its request to the interceptor chain, {@code RealInterceptorChain.proceed(request)}, by passing on a
 * copy.
 * Later links receive requests built from that one, so the copy happens once per call (the header check skips it).
 */
public final class InterceptorChainInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("okhttp3.internal.http.RealInterceptorChain");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("proceed").and(takesArguments(1)).and(takesArgument(0, named("okhttp3.Request")));
  }

  @Override
  public String adviceClass() {
    return ProceedAdvice.class.getName();
  }

  public static final class ProceedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Interceptor.Chain chain,
        @Advice.Argument(value = 0, readOnly = false) Request request) {
      ClientCall call = Bridge.httpClient().started(chain.call());
      String[] headers = call == null ? new String[0] : call.headers();
      if (headers.length > 0 && !headers[1].equals(request.header(headers[0]))) {
        Request.Builder copy = request.newBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
          copy.header(headers[i], headers[i + 1]);
        }
        request = copy.build();
      }
    }
  }
}
