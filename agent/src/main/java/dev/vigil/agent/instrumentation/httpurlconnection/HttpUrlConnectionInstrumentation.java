package dev.vigil.agent.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.ClientCall;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * A request on an HttpURLConnection spans several calls: it starts at the first of {@code connect},
 * {@code getOutputStream} or {@code getInputStream} on a connection not yet connected (the trace headers are set then,
 * while the request can still take them), and ends when {@code getInputStream} returns or throws
 * ({@code getResponseCode} and the header getters call it), or when connecting fails. The call is remembered against
 * the connection in between. A connection that has a response or a remembered failure starts nothing more (the
 * getters call getInputStream again after a failure). The status is the connection's parsed {@code responseCode}; the
 * exception a 4xx status raises (FileNotFoundException) is the status, not an error of its own.
 */
public final class HttpUrlConnectionInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("sun.net.www.protocol.http.HttpURLConnection");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return namedOneOf("connect", "getOutputStream", "getInputStream").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return RequestAdvice.class.getName();
  }

  public static final class RequestAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This HttpURLConnection connection,
        @Advice.FieldValue("connected") boolean connected, @Advice.FieldValue("responseCode") int status,
        @Advice.FieldValue("rememberedException") Exception failed) {
      if (CallDepth.enter(CallDepth.HTTP_CLIENT) != 0 || connected || status != -1 || failed != null
          || Bridge.httpClient().started(connection) != null) {
        return; // nested, or this connection's request already started, answered or failed
      }
      ClientCall call = Bridge.httpClient().start(connection.getRequestMethod(), connection.getURL().toString(),
          connection);
      String[] headers = call == null ? new String[0] : call.headers();
      for (int i = 0; i + 1 < headers.length; i += 2) {
        connection.setRequestProperty(headers[i], headers[i + 1]);
      }
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This HttpURLConnection connection, @Advice.Origin("#m") String method,
        @Advice.FieldValue("responseCode") int status, @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.HTTP_CLIENT) == 0 && (error != null || "getInputStream".equals(method))) {
        ClientCall call = Bridge.httpClient().started(connection);
        if (call != null) {
          call.end(status, status > 0 ? null : error);
        }
      }
    }
  }
}
