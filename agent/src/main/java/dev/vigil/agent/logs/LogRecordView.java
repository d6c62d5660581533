package dev.vigil.agent.logs;

import dev.vigil.agent.db.ExceptionText;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A captured log record as the OTLP exporter's data model: the logger name is the instrumentation scope (as
 * OpenTelemetry's log appenders do), the message the body, the level the severity, a throwable the
 * {@code exception.*} attributes (messages masked when it is a database or Redis exception: drivers quote statements
 * and values), the span it was written in the trace context.
 */
final class LogRecordView implements LogRecordData {
  private static final AttributeKey<String> THREAD = AttributeKey.stringKey("thread.name");
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private final LogEntry entry;
  private final Resource resource;
  private final Attributes attributes;
  private final int totalAttributes;

  LogRecordView(LogEntry entry, Resource resource) {
    this(entry, resource, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /** With the log record limits: at most {@code maxAttributes}, string values cut at {@code maxLength} chars. */
  LogRecordView(LogEntry entry, Resource resource, int maxAttributes, int maxLength) {
    this.entry = entry;
    this.resource = resource;
    Attributes all = attributes(entry);
    this.totalAttributes = all.size();
    this.attributes = maxAttributes >= all.size() && maxLength == Integer.MAX_VALUE ? all
        : limited(all, maxAttributes, maxLength);
  }

  private static String cut(String s, int maxLength) {
    if (s.length() <= maxLength) {
      return s;
    }
    int end = maxLength > 0 && Character.isHighSurrogate(s.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
    return s.substring(0, end); // never half a surrogate pair
  }

  @SuppressWarnings("unchecked")
  private static Attributes limited(Attributes all, int maxAttributes, int maxLength) {
    AttributesBuilder b = Attributes.builder();
    int[] n = {0};
    all.forEach((key, value) -> {
      if (n[0]++ < maxAttributes) {
        Object v = value instanceof String ? cut((String) value, maxLength) : value;
        b.put((AttributeKey<Object>) key, v);
      }
    });
    return b.build();
  }

  private static Attributes attributes(LogEntry entry) {
    AttributesBuilder b = Attributes.builder();
    if (entry.thread != null) {
      b.put(THREAD, entry.thread);
    }
    Throwable t = entry.thrown;
    if (t != null) {
      b.put(EXCEPTION_TYPE, t.getClass().getName());
      String message = ExceptionText.message(t); // masked when a database or Redis exception is in the chain
      if (message != null) {
        b.put(EXCEPTION_MESSAGE, message);
      }
      b.put(EXCEPTION_STACKTRACE, ExceptionText.stackTrace(t));
    }
    return b.build();
  }

  static Severity severity(String level) {
    switch (level == null ? "" : level.toUpperCase(Locale.ROOT)) {
      case "TRACE": case "FINEST": case "FINER": return Severity.TRACE;
      case "DEBUG": case "FINE": case "CONFIG": return Severity.DEBUG;
      case "INFO": return Severity.INFO;
      case "WARN": case "WARNING": return Severity.WARN;
      case "ERROR": case "SEVERE": return Severity.ERROR;
      case "FATAL": return Severity.FATAL;
      default: return Severity.UNDEFINED_SEVERITY_NUMBER;
    }
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return InstrumentationScopeInfo.create(entry.logger == null ? "" : entry.logger);
  }

  @Override
  public long getTimestampEpochNanos() {
    return TimeUnit.MILLISECONDS.toNanos(entry.epochMillis);
  }

  @Override
  public long getObservedTimestampEpochNanos() {
    return TimeUnit.MILLISECONDS.toNanos(entry.epochMillis);
  }

  @Override
  public SpanContext getSpanContext() {
    return entry.span == null ? SpanContext.getInvalid() : entry.span;
  }

  @Override
  public Severity getSeverity() {
    return severity(entry.level);
  }

  @Override
  public String getSeverityText() {
    return entry.level;
  }

  @Override
  @SuppressWarnings("deprecation")
  public Body getBody() {
    return entry.message == null ? Body.empty() : Body.string(entry.message);
  }

  @Override
  public Value<?> getBodyValue() {
    return entry.message == null ? null : Value.of(entry.message);
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributes; // the marshaler reports the difference as dropped_attributes_count
  }
}
