package dev.vigil.agent.recording;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * CLIENT spans of outbound HTTP requests, with the stable OpenTelemetry HTTP client attributes: named by the method
 * ({@code HTTP} for an unknown one), status ERROR when no response came or it was a 4xx or 5xx.
 */
final class ClientSpans {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private ClientSpans() {}

  /** A CLIENT span, child of {@code parent}; {@code url.full} is built only when the span records. */
  static Span start(Tracer tracer, Context parent, String method, boolean known, ClientUrl target,
      boolean captureQuery) {
    Span span = tracer.spanBuilder(known ? method : "HTTP").setSpanKind(SpanKind.CLIENT).setParent(parent).startSpan();
    if (span.isRecording()) {
      span.setAttribute(METHOD, known ? method : "_OTHER");
      if (!known) {
        span.setAttribute(METHOD_ORIGINAL, method);
      }
      span.setAttribute(SERVER_ADDRESS, target.host);
      if (target.port > 0) {
        span.setAttribute(SERVER_PORT, (long) target.port);
      }
      span.setAttribute(URL_FULL, target.full(captureQuery));
    }
    return span;
  }

  /** Ends {@code span}: the status received (0: none), the error type (null: none) and what was thrown, if anything. */
  static void end(Span span, int status, String errorType, Throwable cause) {
    if (span.isRecording()) {
      if (status > 0) {
        span.setAttribute(STATUS, (long) status);
      }
      if (errorType != null) {
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR);
      }
      if (cause != null) {
        span.recordException(cause);
      }
    }
    span.end();
  }
}
