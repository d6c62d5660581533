package dev.vigil.agent.recording;

import dev.vigil.agent.db.ExceptionText;
import dev.vigil.agent.signals.HttpMethods;
import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * The SERVER span of an inbound request: parent extracted from the request's headers, name {@code METHOD route}, the
 * stable HTTP semantic-convention attributes (read from the request only when the span is sampled), status ERROR on
 * a 5xx or an exception (recorded as an event).
 */
final class ServerSpans {
  static final SpanShape SHAPE = new SpanShape();
  static final int METHOD = SHAPE.text("http.request.method");
  static final int ROUTE = SHAPE.text("http.route");
  static final int SCHEME = SHAPE.text("url.scheme");
  static final int PATH = SHAPE.text("url.path");
  static final int SERVER_ADDRESS = SHAPE.text("server.address");
  static final int CLIENT_ADDRESS = SHAPE.text("client.address");
  static final int USER_AGENT = SHAPE.text("user_agent.original");
  static final int PROTOCOL_VERSION = SHAPE.text("network.protocol.version");
  static final int ERROR_TYPE = SHAPE.text("error.type");
  static final int SERVER_PORT = SHAPE.number("server.port");
  static final int STATUS = SHAPE.number("http.response.status_code");

  private ServerSpans() {}

  /**
   * The context of the new span (its parent's baggage included), or null when no span is recorded. A route made from the
   * path ({@code template} false) names the span but becomes {@code http.route} only at the end, when the request is
   * known to have matched a route ({@link #derivedRoute}).
   */
  static Context start(String method, String route, boolean template, Object request) {
    if (request == null || !Tracing.enabled()) {
      return null;
    }
    Context current = Context.current();
    if (Tracing.instrumentationSuppressed(current)) {
      return null;
    }
    Context parent = Tracing.propagators().getTextMapPropagator().extract(current, request, ServerRequests.HEADERS);
    method = HttpMethods.canonical(method); // a scanner's made-up methods must not each name a span
    VigilSpan span = Tracing.start(parent, SpanKind.SERVER, SHAPE, spanName(method), route);
    if (span == null) {
      return null;
    }
    if (span.isRecording()) {
      span.setText(METHOD, method);
      if (template) {
        span.setText(ROUTE, route);
      }
      ServerRequests.of(request).attributes(request, span);
    }
    return parent.with(span);
  }

  /** OpenTelemetry names a span of an unknown method {@code HTTP}. */
  private static String spanName(String canonicalMethod) {
    return canonicalMethod == HttpMethods.OTHER_NAME ? "HTTP" : canonicalMethod;
  }

  static void route(Span span, String method, String route) {
    if (span instanceof VigilSpan) {
      ((VigilSpan) span).rename(spanName(HttpMethods.canonical(method)), route);
      ((VigilSpan) span).setText(ROUTE, route);
    }
  }

  /** A request whose route was made from its path ends: that route, or none (null) when it matched no route. */
  static void derivedRoute(Span span, String method, String route) {
    if (!(span instanceof VigilSpan)) {
      return;
    }
    if (route == null) {
      ((VigilSpan) span).rename(spanName(HttpMethods.canonical(method)), null); // OpenTelemetry: no http.route, the method alone names the span
    } else {
      ((VigilSpan) span).setText(ROUTE, route);
    }
  }

  /**
   * {@code code} is the status counted (500 for an exception); {@code status} the response's, 0 when unknown, and the
   * span's {@code http.response.status_code} unless an exception escaped.
   */
  static void end(Span span, int status, int code, Throwable error) {
    if (span instanceof VigilSpan && span.isRecording()) {
      VigilSpan s = (VigilSpan) span;
      // an exception out of the servlet: the container answers 500 after the servlet returned, while the response
      // still says what was set before (200); the span says what the metric counts and the client gets
      int answered = error != null ? code : status;
      if (answered > 0) {
        s.setNumber(STATUS, answered);
      }
      if (error != null) {
        s.setStatus(StatusCode.ERROR);
        s.setText(ERROR_TYPE, error.getClass().getName());
        s.addEvent("exception", ExceptionText.event(error)); // a database error bubbling up is masked
      } else if (code >= 500) {
        s.setStatus(StatusCode.ERROR);
        s.setText(ERROR_TYPE, Integer.toString(code));
      }
    }
    span.end();
  }
}
