package dev.vigil.agent.instrumentation.apachehttpclient5;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.ClientCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;

/**
 * Every {@code execute} overload of a classic client ends in {@code doExecute(target, request, context)} of
 * {@code InternalHttpClient} or {@code MinimalHttpClient} (or a user's subclass): one call per request, redirects and
 * retries included. The request is mutable: the trace headers are set on it.
 */
public final class CloseableHttpClientInstrumentation implements TypeInstrumentation {
  private static final ElementMatcher.Junction<MethodDescription> DO_EXECUTE =
      named("doExecute").and(takesArguments(3)).and(not(isAbstract()));

  @Override
  public ClassHint classHint() {
    return ClassHint.declaresMethod("doExecute");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return declaresMethod(DO_EXECUTE)
        .and(hasSuperType(named("org.apache.hc.client5.http.impl.classic.CloseableHttpClient")));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return DO_EXECUTE;
  }

  @Override
  public String adviceClass() {
    return DoExecuteAdvice.class.getName();
  }

  public static final class DoExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ClientCall enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) ClassicHttpRequest request)
        throws Exception {
      if (CallDepth.enter(CallDepth.HTTP_CLIENT) != 0) {
        return null;
      }
      ClientCall call = Bridge.httpClient().start(request.getMethod(),
          target != null ? target.toURI().concat(request.getRequestUri()) : request.getUri().toString(), null);
      String[] headers = call == null ? new String[0] : call.headers();
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.setHeader(headers[i], headers[i + 1]);
      }
      return call;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter ClientCall call, @Advice.Return ClassicHttpResponse response,
        @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.HTTP_CLIENT) == 0 && call != null) {
        call.end(response != null ? response.getCode() : 0, error);
      }
    }
  }
}
