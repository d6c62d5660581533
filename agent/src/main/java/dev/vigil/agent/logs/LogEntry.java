package dev.vigil.agent.logs;

import io.opentelemetry.api.trace.SpanContext;

/** One application log record on its way to OTLP: what the logging framework had, and the span it was written in. */
public final class LogEntry {
  public final long epochMillis;
  public final String level;
  public final String logger;
  public final String message;
  public final Throwable thrown;
  /** The span current when the record was written, or null outside one. */
  public final SpanContext span;
  /** Name of the thread that wrote it. */
  public final String thread;

  public LogEntry(long epochMillis, String level, String logger, String message, Throwable thrown, SpanContext span,
      String thread) {
    this.epochMillis = epochMillis;
    this.level = level;
    this.logger = logger;
    this.message = message;
    this.thrown = thrown;
    this.span = span;
    this.thread = thread;
  }
}
