package dev.vigil.agent.recording;

import dev.vigil.agent.logs.LogEntry;
import dev.vigil.agent.logs.LogQueue;
import dev.vigil.bootstrap.LogHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
/**
 * Log correlation and capture: the current span's ids for log events (read from OpenTelemetry's current context at the
 * moment the logging framework captures the event's MDC, on the logging thread), and application log records handed
 * to the OTLP log export queue when that is on.
 */
public final class LogRecorder implements LogHandler {
  private final boolean mdc;
  private final String traceIdKey;
  private final String spanIdKey;
  private final String traceFlagsKey;
  private final LogQueue queue;

  /** {@code queue} is null when log records are not exported. */
  public LogRecorder(boolean mdc, String traceIdKey, String spanIdKey, String traceFlagsKey, LogQueue queue) {
    this.mdc = mdc;
    this.traceIdKey = traceIdKey;
    this.spanIdKey = spanIdKey;
    this.traceFlagsKey = traceFlagsKey;
    this.queue = queue;
  }

  @Override
  public String[] currentIds() {
    if (!mdc) {
      return null;
    }
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return null;
    }
    return new String[] {traceIdKey, span.getTraceId(), spanIdKey, span.getSpanId(), traceFlagsKey,
        span.getTraceFlags().asHex()};
  }

  @Override
  public boolean exporting() {
    return queue != null;
  }

  @Override
  public void emit(long epochMillis, String level, String logger, String message, Throwable thrown) {
    LogQueue q = queue;
    if (q == null || q.isExportThread()) {
      return; // the exporter's own logging (e.g. JUL bridged to SLF4J) never feeds itself
    }
    SpanContext span = Span.current().getSpanContext();
    q.offer(new LogEntry(epochMillis > 0 ? epochMillis : System.currentTimeMillis(), level, logger, message, thrown,
        span.isValid() ? span : null, Thread.currentThread().getName()));
  }
}
