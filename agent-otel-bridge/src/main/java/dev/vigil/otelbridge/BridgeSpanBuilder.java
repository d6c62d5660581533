package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.OtelApiHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds one of Vigil's spans for the application. Links and an explicit start time are not kept: Vigil's spans
 * start when they are started.
 */
final class BridgeSpanBuilder implements SpanBuilder {
  private final String name;
  private Context parent;
  private boolean noParent;
  private SpanKind kind = SpanKind.INTERNAL;
  private List<Object> attributes;

  BridgeSpanBuilder(String name) {
    this.name = name;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    parent = context;
    noParent = false;
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    parent = null;
    noParent = true;
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return put(key, value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return put(key, value);
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return put(key, value);
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return put(key, value);
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    return key == null ? this : put(key.getKey(), value);
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    if (spanKind != null) {
      kind = spanKind;
    }
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    return this;
  }

  @Override
  public Span startSpan() {
    OtelApiHandler h = Bridge.otelApi();
    Object parentContext = noParent ? null : parent == null ? h.currentContext() : BridgeContext.vigilOf(parent);
    Object span = h.startSpan(parentContext, name == null ? "" : name, kind.ordinal());
    if (span == null) {
      return Span.getInvalid();
    }
    if (attributes != null) {
      for (int i = 0; i < attributes.size(); i += 2) {
        h.setAttribute(span, (String) attributes.get(i), attributes.get(i + 1));
      }
    }
    return new BridgeSpan(span);
  }

  private SpanBuilder put(String key, Object value) {
    if (key != null && value != null) {
      if (attributes == null) {
        attributes = new ArrayList<>();
      }
      attributes.add(key);
      attributes.add(value);
    }
    return this;
  }
}
