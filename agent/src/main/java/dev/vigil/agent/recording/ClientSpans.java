package dev.vigil.agent.recording;

import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * CLIENT spans of outbound HTTP requests, with the stable OpenTelemetry HTTP client attributes: named by the method
 * ({@code HTTP} for an unknown one), status ERROR when no response came or it was a 4xx or 5xx.
 */
final class ClientSpans {
  static final SpanShape SHAPE = new SpanShape();
  static final int METHOD = SHAPE.text("http.request.method");
  static final int METHOD_ORIGINAL = SHAPE.text("http.request.method_original");
  static final int SERVER_ADDRESS = SHAPE.text("server.address");
  static final int URL_FULL = SHAPE.text("url.full");
  static final int ERROR_TYPE = SHAPE.text("error.type");
  static final int SERVER_PORT = SHAPE.number("server.port");
  static final int STATUS = SHAPE.number("http.response.status_code");

  private ClientSpans() {}

  /** A CLIENT span, child of {@code parent}, or null while traces are off; {@code url.full} only when sampled. */
  static VigilSpan start(Context parent, String method, boolean known, ClientUrl target, boolean captureQuery) {
    VigilSpan span = Tracing.start(parent, SpanKind.CLIENT, SHAPE, known ? method : "HTTP", null);
    if (span != null && span.isRecording()) {
      span.setText(METHOD, known ? method : "_OTHER");
      if (!known) {
        span.setText(METHOD_ORIGINAL, method);
      }
      span.setText(SERVER_ADDRESS, target.host);
      if (target.port > 0) {
        span.setNumber(SERVER_PORT, target.port);
      }
      span.setText(URL_FULL, target.full(captureQuery));
    }
    return span;
  }

  /** Ends {@code span}: the status received (0: none), the error type (null: none) and what was thrown, if anything. */
  static void end(VigilSpan span, int status, String errorType, Throwable cause) {
    if (span.isRecording()) {
      if (status > 0) {
        span.setNumber(STATUS, status);
      }
      if (errorType != null) {
        span.setText(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR);
      }
      if (cause != null) {
        span.recordException(cause);
      }
    }
    span.end();
  }
}
