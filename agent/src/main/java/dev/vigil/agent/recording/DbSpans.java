package dev.vigil.agent.recording;

import dev.vigil.agent.db.ExceptionText;
import dev.vigil.agent.db.SqlDialect;
import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * The CLIENT span of one JDBC statement, a child of the current span: database semantic-convention attributes, the
 * sanitized query text (no literals), status ERROR with the exception (its message masked too) when the driver threw.
 * A statement run outside any trace (a pool's validation query, start-up DDL) gets no span: it would be a trace of its
 * own.
 */
final class DbSpans {
  private static final SpanShape SHAPE = new SpanShape();
  private static final int SYSTEM = SHAPE.text("db.system.name");
  private static final int NAMESPACE = SHAPE.text("db.namespace");
  private static final int OPERATION = SHAPE.text("db.operation.name");
  private static final int COLLECTION = SHAPE.text("db.collection.name");
  private static final int QUERY = SHAPE.text("db.query.text");
  private static final int SERVER_ADDRESS = SHAPE.text("server.address");
  private static final int ERROR_TYPE = SHAPE.text("error.type");
  private static final int SERVER_PORT = SHAPE.number("server.port");

  private DbSpans() {}

  /** Starts the span of {@code target}; null when there is no current trace, it is not sampled or tracing is off. */
  static VigilSpan start(DbTarget target) {
    if (!Tracing.enabled()) {
      return null;
    }
    Context current = Context.current();
    if (!Tracing.inTrace(current) || Tracing.instrumentationSuppressed(current)) {
      return null;
    }
    String operation = target.sql.operation;
    String collection = target.sql.collection;
    VigilSpan span = operation == null ? Tracing.startLeaf(current, SpanKind.CLIENT, SHAPE, target.db.system, null)
        : Tracing.startLeaf(current, SpanKind.CLIENT, SHAPE, operation, collection);
    if (span != null) {
      span.setText(SYSTEM, target.db.system);
      span.setText(NAMESPACE, target.db.namespace);
      span.setText(OPERATION, operation);
      span.setText(COLLECTION, collection);
      span.setText(QUERY, target.sql.text);
      span.setText(SERVER_ADDRESS, target.db.serverAddress);
      if (target.db.serverPort > 0) {
        span.setNumber(SERVER_PORT, target.db.serverPort);
      }
    }
    return span;
  }

  static void end(VigilSpan span, Throwable error, String errorType, SqlDialect dialect) {
    if (error != null) {
      span.setStatus(StatusCode.ERROR);
      span.setText(ERROR_TYPE, errorType);
      span.addEvent("exception", ExceptionText.event(error, dialect)); // drivers quote statements and values
    }
    span.end();
  }
}
