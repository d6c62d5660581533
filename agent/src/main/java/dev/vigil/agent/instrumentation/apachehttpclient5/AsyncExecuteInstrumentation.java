package dev.vigil.agent.instrumentation.apachehttpclient5;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Every {@code execute} of the async client reaches {@code InternalAbstractHttpAsyncClient.executeImmediate} once, on
 * the caller's thread, with the request the producer built (mutable: the trace headers are set on it and survive the
 * chain's copies for redirects and retries). The call is remembered against the exchange's outermost callback (its
 * last argument: 5.1 to 5.4 have one argument fewer), which ends it.
 */
public final class AsyncExecuteInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("executeImmediate").and(takesArgument(0, named("org.apache.hc.core5.http.HttpRequest")))
        .and(takesArgument(2, named("org.apache.hc.client5.http.async.AsyncExecChain$Scope")));
  }

  @Override
  public String adviceClass() {
    return ExecuteAdvice.class.getName();
  }

  public static final class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ClientCall enter(@Advice.Argument(0) HttpRequest request,
        @Advice.Argument(2) AsyncExecChain.Scope scope, @Advice.AllArguments Object[] args) {
      String uri = request.getRequestUri();
      ClientCall call = Bridge.httpClient().start(request.getMethod(),
          uri.startsWith("/") ? scope.route.getTargetHost().toURI().concat(uri) : uri, args[args.length - 1]);
      String[] headers = call == null ? new String[0] : call.headers();
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.setHeader(headers[i], headers[i + 1]);
      }
      return call;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter ClientCall call, @Advice.Thrown Throwable error) {
      if (call != null && error != null) {
        call.end(0, error);
      }
    }
  }
}
