package dev.vigil.bootstrap;

/**
 * What logging instrumentations call: the ids of the span current on this thread, for a log event's MDC or context
 * data, and the hand-off of application log records to the OTLP log export. Implemented by the agent.
 */
public interface LogHandler {
  LogHandler NOOP = new LogHandler() {
    @Override
    public String[] currentIds() {
      return null;
    }

    @Override
    public boolean exporting() {
      return false;
    }

    @Override
    public void emit(long epochMillis, String level, String logger, String message, Throwable thrown) {}
  };

  /**
   * The span current on this thread as key/value pairs under the configured key names: {@code {traceIdKey, traceId,
   * spanIdKey, spanId, traceFlagsKey, traceFlags}}; null outside a valid span. The array is the caller's.
   */
  String[] currentIds();

  /** True when the application's log records are exported over OTLP; emit is then worth calling. */
  boolean exporting();

  /**
   * One application log record for the OTLP log export, called on the thread that wrote it (its current span is the
   * record's trace context). {@code epochMillis} 0 means now. Never blocks: a full queue drops the record, counted.
   */
  void emit(long epochMillis, String level, String logger, String message, Throwable thrown);
}
