package dev.vigil.agent.recording;

import dev.vigil.agent.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * The CLIENT span of one JDBC statement, a child of the current span: database semantic-convention attributes, the
 * sanitized query text (no literals), status ERROR with the exception when the driver threw. A statement run outside
 * any trace (a pool's validation query, start-up DDL) gets no span: it would be a trace of its own.
 */
final class DbSpans {
  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
  private static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("db.namespace");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
  private static final AttributeKey<String> COLLECTION = AttributeKey.stringKey("db.collection.name");
  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private DbSpans() {}

  /** Starts the span of {@code target}; null when there is no current trace or tracing is off. */
  static Span start(DbTarget target) {
    if (!Tracing.enabled()) {
      return null;
    }
    Context current = Context.current();
    if (!Span.fromContext(current).getSpanContext().isValid() || Tracing.instrumentationSuppressed()) {
      return null;
    }
    String operation = target.sql.operation;
    String collection = target.sql.collection;
    String name = operation == null ? target.db.system
        : collection == null ? operation : operation + " " + collection;
    SpanBuilder b = Tracing.tracer().spanBuilder(name).setSpanKind(SpanKind.CLIENT).setParent(current)
        .setAttribute(SYSTEM, target.db.system);
    put(b, NAMESPACE, target.db.namespace);
    put(b, OPERATION, operation);
    put(b, COLLECTION, collection);
    put(b, QUERY, target.sql.text);
    put(b, SERVER_ADDRESS, target.db.serverAddress);
    if (target.db.serverPort > 0) {
      b.setAttribute(SERVER_PORT, (long) target.db.serverPort);
    }
    return b.startSpan();
  }

  private static void put(SpanBuilder b, AttributeKey<String> key, String value) {
    if (value != null && !value.isEmpty()) {
      b.setAttribute(key, value);
    }
  }

  static void end(Span span, Throwable error, String errorType) {
    if (error != null) {
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, errorType);
      span.recordException(error);
    }
    span.end();
  }
}
