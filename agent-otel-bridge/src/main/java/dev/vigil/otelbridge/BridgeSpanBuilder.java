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
 * Builds one of Vigil's spans for the application: parent, kind, attributes, links (at most {@link #MAX_LINKS}
 * held here; the span limits apply on Vigil's side), an explicit start time, in the scope of its tracer.
 */
final class BridgeSpanBuilder implements SpanBuilder {
  static final int MAX_LINKS = 1024;

  private final String name;
  private final Object scope;
  private Context parent;
  private boolean noParent;
  private SpanKind kind = SpanKind.INTERNAL;
  private List<Object> attributes;
  private List<Object> links;
  private long startEpochNanos;

  BridgeSpanBuilder(String name, Object scope) {
    this.name = name;
    this.scope = scope;
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
    return addLink(spanContext, Attributes.empty());
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
    if (spanContext != null && spanContext.isValid()) {
      if (links == null) {
        links = new ArrayList<>(2);
      }
      if (links.size() < 2 * MAX_LINKS) {
        links.add(spanContext);
        links.add(attributes);
      }
    }
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
    if (unit != null && startTimestamp > 0) {
      startEpochNanos = unit.toNanos(startTimestamp);
    }
    return this;
  }

  @Override
  public Span startSpan() {
    OtelApiHandler h = Bridge.otelApi();
    Object parentContext = noParent ? null : parent == null ? h.currentContext() : BridgeContext.vigilOf(parent);
    Object span = h.startSpan(parentContext, name == null ? "" : name, kind.ordinal(), startEpochNanos, scope);
    if (span == null) {
      return Span.getInvalid();
    }
    if (attributes != null) {
      for (int i = 0; i < attributes.size(); i += 2) {
        h.setAttribute(span, (String) attributes.get(i), attributes.get(i + 1));
      }
    }
    if (links != null) {
      for (int i = 0; i < links.size(); i += 2) {
        BridgeSpan.link(h, span, (SpanContext) links.get(i), (Attributes) links.get(i + 1));
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
