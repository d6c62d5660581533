package dev.vigil.agent.logs;

import io.opentelemetry.api.trace.SpanContext;

/** One application log record on its way to OTLP: what the logging framework had, and the span it was written in. */
public final class LogEntry {
  /** Heap a record holds besides its message: this object, its span context, the strings it shares with others. */
  static final int OVERHEAD_BYTES = 128;
  /** What a throwable holds (its stack frames), estimated: reading its depth on the application's thread costs more. */
  static final int THROWN_BYTES = 4096;

  public final long epochMillis;
  public final String level;
  public final String logger;
  public final String message;
  /** Length of the message as the application wrote it: more than {@code message.length()} when it was cut. */
  public final int messageLength;
  public final Throwable thrown;
  /** The span current when the record was written, or null outside one. */
  public final SpanContext span;
  /** Name of the thread that wrote it. */
  public final String thread;
  /** Heap this record holds while queued, estimated (two bytes a char): what the queue's byte budget counts. */
  final int bytes;

  public LogEntry(long epochMillis, String level, String logger, String message, Throwable thrown, SpanContext span,
      String thread) {
    this(epochMillis, level, logger, message, message == null ? 0 : message.length(), thrown, span, thread);
  }

  private LogEntry(long epochMillis, String level, String logger, String message, int messageLength, Throwable thrown,
      SpanContext span, String thread) {
    this.epochMillis = epochMillis;
    this.level = level;
    this.logger = logger;
    this.message = message;
    this.messageLength = messageLength;
    this.thrown = thrown;
    this.span = span;
    this.thread = thread;
    this.bytes = OVERHEAD_BYTES + (message == null ? 0 : 2 * message.length()) + (thrown == null ? 0 : THROWN_BYTES);
  }

  /** Whether the message was cut ({@link #cut}). */
  public boolean messageCut() {
    return message != null && messageLength > message.length();
  }

  /** This record with its message cut to {@code maxChars} (never half a surrogate pair), or itself when it fits. */
  LogEntry cut(int maxChars) {
    if (message == null || message.length() <= maxChars) {
      return this;
    }
    return new LogEntry(epochMillis, level, logger, LogValues.cut(message, maxChars), message.length(), thrown, span,
        thread);
  }
}
