package dev.vigil.agent.instrumentation.apachehttpclient4;

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
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;

/**
 * Every {@code execute} overload of a 4.x client ends in {@code doExecute(target, request, context)} of
 * {@code InternalHttpClient}, {@code MinimalHttpClient} or the deprecated {@code AbstractHttpClient}: one call per
 * request, redirects and retries included. The request line of an {@code HttpGet(url)} holds the absolute URL; a
 * relative one is put after the target's URI. The request is mutable: the trace headers are set on it.
 */
public final class CloseableHttpClient4Instrumentation implements TypeInstrumentation {
  private static final ElementMatcher.Junction<MethodDescription> DO_EXECUTE =
      named("doExecute").and(takesArguments(3)).and(not(isAbstract()));

  @Override
  public ClassHint classHint() {
    return ClassHint.declaresMethod("doExecute");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return declaresMethod(DO_EXECUTE).and(hasSuperType(named("org.apache.http.impl.client.CloseableHttpClient")));
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
    public static ClientCall enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) HttpRequest request) {
      if (CallDepth.enter(CallDepth.HTTP_CLIENT) != 0) {
        return null;
      }
      String uri = request.getRequestLine().getUri();
      ClientCall call = Bridge.httpClient().start(request.getRequestLine().getMethod(),
          uri.startsWith("/") && target != null ? target.toURI().concat(uri) : uri, null);
      String[] headers = call == null ? new String[0] : call.headers();
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.setHeader(headers[i], headers[i + 1]);
      }
      return call;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter ClientCall call, @Advice.Return HttpResponse response,
        @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.HTTP_CLIENT) == 0 && call != null) {
        call.end(response != null ? response.getStatusLine().getStatusCode() : 0, error);
      }
    }
  }
}
