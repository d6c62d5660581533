package dev.vigil.agent.instrumentation.jdkhttpclient;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.ClientCall;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every {@code send} and {@code sendAsync} of the JDK client goes through the private four-argument
 * {@code HttpClientImpl.sendAsync} (send waits on its future). The request is immutable: the advice passes on a copy
 * with the trace headers added (its URI, method, body, headers, timeout, version and expect-continue). The call ends
 * when the returned future completes; the caller's future is returned untouched.
 */
public final class HttpClientImplInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("jdk.internal.net.http.HttpClientImpl");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("sendAsync").and(takesArguments(4)).and(takesArgument(0, named("java.net.http.HttpRequest")));
  }

  @Override
  public String adviceClass() {
    return SendAsyncAdvice.class.getName();
  }

  public static final class SendAsyncAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ClientCall enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
      if (CallDepth.enter(CallDepth.HTTP_CLIENT) != 0) {
        return null;
      }
      ClientCall call = Bridge.httpClient().start(request.method(), request.uri().toString(), null);
      String[] headers = call == null ? new String[0] : call.headers();
      if (headers.length > 0) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(request.uri()).expectContinue(request.expectContinue())
            .method(request.method(), request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
          for (String value : header.getValue()) {
            copy.header(header.getKey(), value);
          }
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
          copy.setHeader(headers[i], headers[i + 1]);
        }
        if (request.timeout().isPresent()) {
          copy.timeout(request.timeout().get());
        }
        if (request.version().isPresent()) {
          copy.version(request.version().get());
        }
        request = copy.build();
      }
      return call;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter ClientCall call, @Advice.Return CompletableFuture<?> future,
        @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.HTTP_CLIENT) == 0 && call != null) {
        if (future != null) {
          future.whenComplete(call);
        } else {
          call.end(0, error);
        }
      }
    }
  }
}
