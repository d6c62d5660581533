package dev.vigil.agent.recording;

import dev.vigil.agent.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * The SERVER span of an inbound request: parent extracted from the request's headers, name {@code METHOD route}, the
 * stable HTTP semantic-convention attributes, status ERROR on a 5xx or an exception (recorded as an event).
 */
final class ServerSpans {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  private static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
  private static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");

  private ServerSpans() {}

  /** What the request says about itself; filled by {@link ServerRequests}. */
  static final class Attributes {
    String scheme;
    String path;
    String serverAddress;
    int serverPort = -1;
    String clientAddress;
    String protocol;
    String userAgent;
  }

  /** The context of the new span (its parent's baggage included), or null when no span is recorded. */
  static Context start(String method, String route, Object request) {
    if (request == null || !Tracing.enabled() || Tracing.instrumentationSuppressed()) {
      return null;
    }
    Context parent = Tracing.propagators().getTextMapPropagator()
        .extract(Context.current(), request, ServerRequests.HEADERS);
    SpanBuilder b = Tracing.tracer().spanBuilder(method + " " + route).setSpanKind(SpanKind.SERVER)
        .setParent(parent).setAttribute(METHOD, method).setAttribute(ROUTE, route);
    Attributes a = new Attributes();
    ServerRequests.of(request).attributes(request, a);
    put(b, SCHEME, a.scheme);
    put(b, PATH, a.path);
    put(b, SERVER_ADDRESS, a.serverAddress);
    if (a.serverPort > 0) {
      b.setAttribute(SERVER_PORT, (long) a.serverPort);
    }
    put(b, CLIENT_ADDRESS, a.clientAddress);
    put(b, USER_AGENT, a.userAgent);
    if (a.protocol != null && a.protocol.startsWith("HTTP/")) {
      b.setAttribute(PROTOCOL_VERSION, a.protocol.substring(5));
    }
    return parent.with(b.startSpan());
  }

  private static void put(SpanBuilder b, AttributeKey<String> key, String value) {
    if (value != null && !value.isEmpty()) {
      b.setAttribute(key, value);
    }
  }

  static void route(Span span, String method, String route) {
    span.updateName(method + " " + route);
    span.setAttribute(ROUTE, route);
  }

  /** {@code code} is the status counted (500 for an exception); {@code status} the response's, 0 when unknown. */
  static void end(Span span, int status, int code, Throwable error) {
    if (status > 0) {
      span.setAttribute(STATUS, (long) status);
    }
    if (error != null) {
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, error.getClass().getName());
      span.recordException(error);
    } else if (code >= 500) {
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, Integer.toString(code));
    }
    span.end();
  }
}
