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
import java.util.ArrayList;
import java.util.List;
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
  /** What was cut to the length limit: {@code body}, attribute names. */
  static final AttributeKey<List<String>> CUT = AttributeKey.stringArrayKey("vigil.log.cut");

  private final LogEntry entry;
  private final Resource resource;
  private final Attributes attributes;
  private final int totalAttributes;

  LogRecordView(LogEntry entry, Resource resource) {
    this(entry, resource, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * With the log record limits: at most {@code maxAttributes}, string values cut at {@code maxLength} chars. What was
   * cut (the body on the application's thread, values here) is named in {@code vigil.log.cut} when the count leaves room.
   */
  LogRecordView(LogEntry entry, Resource resource, int maxAttributes, int maxLength) {
    this.entry = entry;
    this.resource = resource;
    Attributes all = attributes(entry);
    this.attributes = maxAttributes >= all.size() && maxLength == Integer.MAX_VALUE && !entry.messageCut() ? all
        : limited(all, maxAttributes, maxLength, entry.messageCut());
    this.totalAttributes = all.size() + (attributes.get(CUT) == null ? 0 : 1);
  }

  @SuppressWarnings("unchecked")
  private static Attributes limited(Attributes all, int maxAttributes, int maxLength, boolean bodyCut) {
    AttributesBuilder b = Attributes.builder();
    List<String> cut = new ArrayList<>(2);
    if (bodyCut) {
      cut.add("body");
    }
    int[] n = {0};
    all.forEach((key, value) -> {
      if (n[0] < maxAttributes) {
        n[0]++;
        Object v = value;
        if (value instanceof String && ((String) value).length() > maxLength) {
          v = LogValues.cut((String) value, maxLength);
          cut.add(key.getKey());
        }
        b.put((AttributeKey<Object>) key, v);
      }
    });
    if (!cut.isEmpty() && n[0] < maxAttributes) {
      b.put(CUT, cut);
    }
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
