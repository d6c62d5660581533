package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.OtelApiHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.concurrent.TimeUnit;

/** One of Vigil's spans seen through the application's API: every call is handed to Vigil's span. */
final class BridgeSpan implements Span {
  final Object vigil;
  private SpanContext spanContext;

  BridgeSpan(Object vigil) {
    this.vigil = vigil;
  }

  /** Vigil's {@code context} with {@code span}: Vigil's own span, or one the application made known by its ids. */
  static Object into(OtelApiHandler h, Object context, Span span) {
    if (span instanceof BridgeSpan) {
      return h.withSpan(context, ((BridgeSpan) span).vigil);
    }
    SpanContext c = span == null ? SpanContext.getInvalid() : span.getSpanContext();
    return h.withSpanContext(context, c.getTraceId(), c.getSpanId(), c.isSampled(), c.isRemote(),
        TraceStates.format(c.getTraceState()));
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (key != null && value != null) {
      Bridge.otelApi().setAttribute(vigil, key.getKey(), value);
    }
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    Bridge.otelApi().addEvent(vigil, name, flat(attributes), 0);
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    Bridge.otelApi().addEvent(vigil, name, flat(attributes), unit == null ? 0 : unit.toNanos(timestamp));
    return this;
  }

  @Override
  public Span addLink(SpanContext spanContext) {
    return addLink(spanContext, Attributes.empty());
  }

  @Override
  public Span addLink(SpanContext spanContext, Attributes attributes) {
    link(Bridge.otelApi(), vigil, spanContext, attributes);
    return this;
  }

  static void link(OtelApiHandler h, Object vigil, SpanContext c, Attributes attributes) {
    if (c != null && c.isValid()) {
      h.addLink(vigil, c.getTraceId(), c.getSpanId(), c.isSampled(), c.isRemote(), TraceStates.format(c.getTraceState()),
          flat(attributes));
    }
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    if (statusCode != null) {
      Bridge.otelApi().setStatus(vigil, statusCode.ordinal(), description);
    }
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    Bridge.otelApi().recordException(vigil, exception, flat(additionalAttributes));
    return this;
  }

  @Override
  public Span updateName(String name) {
    Bridge.otelApi().updateName(vigil, name);
    return this;
  }

  @Override
  public void end() {
    Bridge.otelApi().end(vigil, 0);
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    Bridge.otelApi().end(vigil, unit == null ? 0 : unit.toNanos(timestamp));
  }

  @Override
  public SpanContext getSpanContext() {
    SpanContext c = spanContext;
    if (c == null) {
      String[] ids = Bridge.otelApi().ids(vigil);
      if (ids == null) {
        return SpanContext.getInvalid();
      }
      TraceFlags flags = "1".equals(ids[2]) ? TraceFlags.getSampled() : TraceFlags.getDefault();
      TraceState state = TraceStates.parse(ids.length > 4 ? ids[4] : null);
      c = "1".equals(ids[3]) ? SpanContext.createFromRemoteParent(ids[0], ids[1], flags, state)
          : SpanContext.create(ids[0], ids[1], flags, state);
      spanContext = c;
    }
    return c;
  }

  @Override
  public boolean isRecording() {
    return Bridge.otelApi().isRecording(vigil);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BridgeSpan && ((BridgeSpan) o).vigil == vigil;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(vigil);
  }

  @Override
  public String toString() {
    return String.valueOf(vigil);
  }

  static Object[] flat(Attributes attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    Object[] kv = new Object[2 * attributes.size()];
    int[] i = {0};
    attributes.forEach((key, value) -> {
      if (i[0] < kv.length) {
        kv[i[0]++] = key.getKey();
        kv[i[0]++] = value;
      }
    });
    return kv;
  }
}
