package dev.vigil.agent.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A span as Vigil records it: ids as longs, kind, name, clock readings, status and one slot per known attribute of
 * its category ({@link SpanShape}), all plain field writes by the thread that serves the request; the export thread
 * encodes it to OTLP after it ended ({@link SpanEncoder}). The OpenTelemetry API's other calls (an attribute outside
 * the shape, events, exceptions) are kept as given, bounded, and rendered on the export thread too.
 *
 * <p>A span is its own {@link SpanContext}: the hex ids are built only when asked (a log line, an exemplar, an
 * outbound header). A span that is not sampled records nothing and only carries its ids onward. A span is ended once,
 * by whoever ends it first; the recorders guarantee a single end.
 */
public final class VigilSpan implements Span, SpanContext {
  /** The defaults of OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT and OTEL_SPAN_EVENT_COUNT_LIMIT (ExportSettings has the values). */
  static final int MAX_EXTRA_ATTRIBUTES = 128;
  static final int MAX_EVENTS = 128;

  final long traceIdHigh;
  final long traceIdLow;
  final long spanId;
  /** 0 for a root span. */
  final long parentSpanId;
  final boolean parentRemote;
  private final boolean sampled;
  final TraceState traceState;
  final SpanKind kind;
  final SpanShape shape;
  /** Epoch nanoseconds minus {@link System#nanoTime()}, fixed for the span. */
  final long epochOffset;
  /** {@link System#nanoTime()} at the start (moved only by {@link #startAt}). */
  long startNanos;
  /** Where the span goes once ended; null when not sampled. */
  private final ExportProcessor sink;
  final String[] texts;
  long number0;
  long number1;
  /** Bit i set: number slot i holds a value. */
  int numbersSet;
  /** The name, or its first part and {@link #nameSuffix} joined by a space (no concatenation on the request path). */
  String name;
  String nameSuffix;
  StatusCode status = StatusCode.UNSET;
  String statusDescription;
  /** Attributes outside the shape: key, value, key, value... */
  Object[] extra;
  int extraCount;
  int droppedAttributes;
  List<SpanEvent> events;
  int droppedEvents;
  List<SpanLink> links;
  int droppedLinks;
  /** The application tracer's scope, or null: Vigil's. */
  SpanScope scope;
  long endNanos;
  private boolean ended;
  private String traceIdHex;
  private String spanIdHex;

  VigilSpan(long traceIdHigh, long traceIdLow, long spanId, long parentSpanId, boolean parentRemote, boolean sampled,
      TraceState traceState, SpanKind kind, SpanShape shape, long epochOffset, long startNanos, ExportProcessor sink) {
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.parentRemote = parentRemote;
    this.sampled = sampled;
    this.traceState = traceState;
    this.kind = kind;
    this.shape = shape;
    this.epochOffset = epochOffset;
    this.startNanos = startNanos;
    this.sink = sampled ? sink : null;
    this.texts = this.sink == null ? null : new String[shape.texts()];
  }

  /** Sets a string slot of the span's shape; null or empty records nothing. */
  public void setText(int slot, String value) {
    if (texts != null && value != null && !value.isEmpty() && !ended) {
      texts[slot] = value;
    }
  }

  /** Sets an integer slot of the span's shape. */
  public void setNumber(int slot, long value) {
    if (texts == null || ended) {
      return;
    }
    if (slot == 0) {
      number0 = value;
    } else {
      number1 = value;
    }
    numbersSet |= 1 << slot;
  }

  /** Renames the span to {@code first + " " + second} (the concatenation is left to the export thread). */
  public void rename(String first, String second) {
    if (isRecording() && first != null) {
      name = first;
      nameSuffix = second;
    }
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (!isRecording() || key == null || key.getKey().isEmpty() || value == null) {
      return this;
    }
    switch (key.getType()) {
      case STRING:
        int text = shape.textSlot(key.getKey());
        if (text >= 0) {
          texts[text] = (String) value;
          return this;
        }
        break;
      case LONG:
        int number = shape.numberSlot(key.getKey());
        if (number >= 0) {
          setNumber(number, (Long) value);
          return this;
        }
        break;
      default:
        break;
    }
    putExtra(key, value);
    return this;
  }

  private void putExtra(AttributeKey<?> key, Object value) {
    for (int i = 0; i < extraCount; i += 2) {
      if (extra[i].equals(key)) {
        extra[i + 1] = value;
        return;
      }
    }
    if (extraCount >= 2 * sink.settings.attributeCountLimit) { // only recording spans get here: sink is set
      droppedAttributes++;
      return;
    }
    if (extra == null || extraCount == extra.length) {
      extra = java.util.Arrays.copyOf(extra == null ? new Object[0] : extra, Math.max(8, 2 * extraCount));
    }
    extra[extraCount++] = key;
    extra[extraCount++] = value;
  }

  @Override
  public Span addEvent(String eventName, Attributes attributes) {
    return addEvent(eventName, attributes, System.nanoTime() + epochOffset, TimeUnit.NANOSECONDS);
  }

  @Override
  public Span addEvent(String eventName, Attributes attributes, long timestamp, TimeUnit unit) {
    if (isRecording() && eventName != null) {
      addEvent(new SpanEvent(eventName, unit.toNanos(timestamp), attributes, null));
    }
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    if (isRecording() && exception != null) {
      addEvent(new SpanEvent("exception", System.nanoTime() + epochOffset, additionalAttributes, exception));
    }
    return this;
  }

  private void addEvent(SpanEvent event) {
    if (events == null) {
      events = new ArrayList<>(2);
    }
    if (events.size() < sink.settings.eventCountLimit) {
      events.add(event);
    } else {
      droppedEvents++;
    }
  }

  @Override
  public Span addLink(SpanContext spanContext, Attributes attributes) {
    if (isRecording() && spanContext != null && spanContext.isValid()) {
      if (links == null) {
        links = new ArrayList<>(2);
      }
      if (links.size() < sink.settings.linkCountLimit) {
        links.add(new SpanLink(spanContext, attributes));
      } else {
        droppedLinks++;
      }
    }
    return this;
  }

  /** Moves the start to {@code epochNanos}: a span the application started at a time of its own. */
  public void startAt(long epochNanos) {
    if (isRecording()) {
      startNanos = epochNanos - epochOffset;
    }
  }

  /** Puts the span in the scope of the application's tracer that made it. */
  public void scope(SpanScope tracerScope) {
    if (isRecording()) {
      scope = tracerScope;
    }
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    if (isRecording() && statusCode != null && status != StatusCode.OK) {
      status = statusCode;
      statusDescription = description;
    }
    return this;
  }

  @Override
  public Span updateName(String newName) {
    rename(newName, null);
    return this;
  }

  @Override
  public void end() {
    end(System.nanoTime());
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    end(timestamp == 0 ? System.nanoTime() : unit.toNanos(timestamp) - epochOffset);
  }

  private void end(long nanos) {
    if (isRecording()) {
      endNanos = nanos;
      ended = true;
      sink.ended(this);
    }
  }

  @Override
  public boolean isRecording() {
    return sink != null && !ended;
  }

  @Override
  public SpanContext getSpanContext() {
    return this;
  }

  @Override
  public String getTraceId() {
    String hex = traceIdHex;
    if (hex == null) {
      hex = SpanIds.hex(traceIdHigh, traceIdLow);
      traceIdHex = hex;
    }
    return hex;
  }

  @Override
  public String getSpanId() {
    String hex = spanIdHex;
    if (hex == null) {
      hex = SpanIds.hex(spanId);
      spanIdHex = hex;
    }
    return hex;
  }

  @Override
  public TraceFlags getTraceFlags() {
    return sampled ? TraceFlags.getSampled() : TraceFlags.getDefault();
  }

  @Override
  public TraceState getTraceState() {
    return traceState;
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  @Override
  public boolean isValid() {
    return true;
  }

  @Override
  public boolean isSampled() {
    return sampled;
  }

  @Override
  public String toString() {
    return "VigilSpan{traceId=" + getTraceId() + ", spanId=" + getSpanId() + ", sampled=" + sampled + "}";
  }
}
