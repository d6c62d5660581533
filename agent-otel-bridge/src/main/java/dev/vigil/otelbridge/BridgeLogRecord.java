package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.LogHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One log record the application emits through the Logs Bridge, handed to Vigil's log export as a log framework's
 * record is: time, severity (as a level name), body, exception, and the trace context (the one set, else the
 * current). Attributes are not carried.
 */
final class BridgeLogRecord implements LogRecordBuilder {
  private final String logger;
  private long epochMillis;
  private Context context;
  private Severity severity;
  private String severityText;
  private String body;
  private Throwable thrown;

  BridgeLogRecord(String logger) {
    this.logger = logger;
  }

  @Override
  public LogRecordBuilder setTimestamp(long timestamp, TimeUnit unit) {
    if (unit != null) {
      epochMillis = unit.toMillis(timestamp);
    }
    return this;
  }

  @Override
  public LogRecordBuilder setTimestamp(Instant instant) {
    if (instant != null) {
      epochMillis = instant.toEpochMilli();
    }
    return this;
  }

  @Override
  public LogRecordBuilder setObservedTimestamp(long timestamp, TimeUnit unit) {
    return this;
  }

  @Override
  public LogRecordBuilder setObservedTimestamp(Instant instant) {
    return this;
  }

  @Override
  public LogRecordBuilder setContext(Context recordContext) {
    context = recordContext;
    return this;
  }

  @Override
  public LogRecordBuilder setSeverity(Severity recordSeverity) {
    severity = recordSeverity;
    return this;
  }

  @Override
  public LogRecordBuilder setSeverityText(String text) {
    severityText = text;
    return this;
  }

  @Override
  public LogRecordBuilder setBody(String text) {
    body = text;
    return this;
  }

  /** Newer APIs' {@code setException} (a default method there). */
  public LogRecordBuilder setException(Throwable exception) {
    thrown = exception;
    return this;
  }

  @Override
  public <T> LogRecordBuilder setAttribute(AttributeKey<T> key, T value) {
    return this;
  }

  @Override
  public void emit() {
    LogHandler h = Bridge.logs();
    if (!h.exporting()) {
      return;
    }
    if (context == null) {
      h.emit(epochMillis, level(), logger, body, thrown);
      return;
    }
    try (Scope ignored = context.makeCurrent()) {
      h.emit(epochMillis, level(), logger, body, thrown);
    }
  }

  /** The level name Vigil's log export maps to a severity: {@code INFO2} is {@code INFO}. */
  private String level() {
    if (severity != null && severity != Severity.UNDEFINED_SEVERITY_NUMBER) {
      String name = severity.name();
      return Character.isDigit(name.charAt(name.length() - 1)) ? name.substring(0, name.length() - 1) : name;
    }
    return severityText == null ? "" : severityText;
  }
}
