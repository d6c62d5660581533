package dev.vigil.agent.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Encodes ended {@link VigilSpan}s to an OTLP {@code ExportTraceServiceRequest} (opentelemetry/proto/trace/v1), on
 * the export thread, straight from their fields into one reused buffer; the resource and the instrumentation scope
 * are encoded once. String attribute values are cut at the span limit (OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT, else
 * {@link #MAX_ATTRIBUTE_LENGTH} chars); an event keeps at most OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT attributes. Not
 * thread-safe: one encoder per export thread.
 */
final class SpanEncoder {
  static final int MAX_ATTRIBUTE_LENGTH = 4096;
  static final String SCOPE = "dev.vigil";
  /** Span flags bit 8: whether the parent is remote is known; bit 9: it is (OTLP trace.proto SpanFlags). */
  private static final int HAS_IS_REMOTE = 0x100;
  private static final int IS_REMOTE = 0x200;

  private final byte[] resource;
  private final byte[] scope;
  private final byte[] schemaUrl;
  private final ProtoBuffer out = new ProtoBuffer(64 * 1024);
  private final int maxLength;
  private final int maxEventAttributes;
  private final int maxLinkAttributes;

  SpanEncoder(Resource resource) {
    this(resource, MAX_ATTRIBUTE_LENGTH, VigilSpan.MAX_EXTRA_ATTRIBUTES, VigilSpan.MAX_EXTRA_ATTRIBUTES);
  }

  SpanEncoder(Resource resource, ExportSettings limits) {
    this(resource, limits.valueLengthLimit, limits.eventAttributeCountLimit, limits.linkAttributeCountLimit);
  }

  private SpanEncoder(Resource resource, int maxLength, int maxEventAttributes, int maxLinkAttributes) {
    this.maxLength = maxLength;
    this.maxEventAttributes = maxEventAttributes;
    this.maxLinkAttributes = maxLinkAttributes;
    ProtoBuffer b = new ProtoBuffer(1024);
    int m = b.begin(1); // ResourceSpans.resource
    attributes(b, 1, resource.getAttributes());
    b.end(m);
    this.resource = b.toByteArray();
    b.reset();
    m = b.begin(1); // ScopeSpans.scope
    b.string(1, SCOPE, Integer.MAX_VALUE);
    b.end(m);
    this.scope = b.toByteArray();
    b.reset();
    if (resource.getSchemaUrl() != null) {
      b.string(3, resource.getSchemaUrl(), Integer.MAX_VALUE);
    }
    this.schemaUrl = b.toByteArray();
  }

  /** The request for {@code spans[0..count)}; valid until the next call. */
  ProtoBuffer encode(VigilSpan[] spans, int count) {
    out.reset();
    int resourceSpans = out.begin(1);
    out.raw(resource);
    // One ScopeSpans per run of spans of the same scope (Vigil's, or an application tracer's).
    int scopeSpans = -1;
    SpanScope current = null;
    for (int i = 0; i < count; i++) {
      SpanScope s = spans[i].scope;
      if (scopeSpans < 0 || s != current) {
        if (scopeSpans >= 0) {
          out.end(scopeSpans);
        }
        scopeSpans = out.begin(2);
        out.raw(s == null ? scope : s.encoded);
        current = s;
      }
      span(spans[i]);
    }
    if (scopeSpans >= 0) {
      out.end(scopeSpans);
    }
    out.raw(schemaUrl);
    out.end(resourceSpans);
    return out;
  }

  private void span(VigilSpan s) {
    int m = out.begin(2);
    out.id(1, s.traceIdHigh, s.traceIdLow);
    out.id(2, s.spanId);
    if (!s.traceState.isEmpty()) {
      out.string(3, traceState(s.traceState), Integer.MAX_VALUE);
    }
    if (s.parentSpanId != 0) {
      out.id(4, s.parentSpanId);
    }
    if (s.nameSuffix == null) {
      out.string(5, s.name == null ? "" : s.name, Integer.MAX_VALUE);
    } else {
      out.string(5, s.name == null ? "" : s.name, s.nameSuffix);
    }
    out.uint64(6, s.kind.ordinal() + 1); // SpanKind INTERNAL, SERVER... are the proto's 1, 2...
    out.fixed64(7, s.startNanos + s.epochOffset);
    out.fixed64(8, s.endNanos + s.epochOffset);
    slots(s);
    for (int i = 0; i < s.extraCount; i += 2) {
      AttributeKey<?> key = (AttributeKey<?>) s.extra[i];
      keyValue(out, 9, key, s.extra[i + 1]);
    }
    if (s.droppedAttributes > 0) {
      out.uint64(10, s.droppedAttributes);
    }
    if (s.events != null) {
      for (SpanEvent e : s.events) {
        event(e);
      }
    }
    if (s.droppedEvents > 0) {
      out.uint64(12, s.droppedEvents);
    }
    if (s.links != null) {
      for (SpanLink l : s.links) {
        link(l);
      }
    }
    if (s.droppedLinks > 0) {
      out.uint64(14, s.droppedLinks);
    }
    int status = out.begin(15);
    if (s.status == StatusCode.ERROR && s.statusDescription != null && !s.statusDescription.isEmpty()) {
      out.string(2, s.statusDescription, maxLength);
    }
    if (s.status != StatusCode.UNSET) {
      out.uint64(3, s.status == StatusCode.OK ? 1 : 2);
    }
    out.end(status);
    out.fixed32(16, (s.isSampled() ? 1 : 0) | HAS_IS_REMOTE | (s.parentRemote ? IS_REMOTE : 0));
    out.end(m);
  }

  private void slots(VigilSpan s) {
    byte[][] keys = s.shape.encodedKeys();
    String[] texts = s.texts;
    for (int i = 0; i < texts.length; i++) {
      if (texts[i] != null) {
        int kv = out.begin(9);
        out.bytes(1, keys[i]);
        int v = out.begin(2);
        out.string(1, texts[i], maxLength);
        out.end(v);
        out.end(kv);
      }
    }
    for (int i = 0; i < SpanShape.MAX_NUMBERS; i++) {
      if ((s.numbersSet & (1 << i)) != 0) {
        int kv = out.begin(9);
        out.bytes(1, keys[texts.length + i]);
        int v = out.begin(2);
        out.uint64(3, i == 0 ? s.number0 : s.number1);
        out.end(v);
        out.end(kv);
      }
    }
  }

  private void event(SpanEvent e) {
    int m = out.begin(11);
    out.fixed64(1, e.epochNanos);
    out.string(2, e.name, MAX_ATTRIBUTE_LENGTH);
    Attributes given = e.attributes == null ? Attributes.empty() : e.attributes;
    int room = maxEventAttributes;
    if (e.exception != null) {
      room -= exception(e.exception, given, room);
    }
    int[] dropped = {0};
    int[] left = {room};
    given.forEach((key, value) -> {
      if (left[0]-- > 0) {
        keyValue(out, 3, key, value);
      } else {
        dropped[0]++;
      }
    });
    if (dropped[0] > 0) {
      out.uint64(4, dropped[0]); // Event.dropped_attributes_count
    }
    out.end(m);
  }

  private void link(SpanLink l) {
    int m = out.begin(13);
    String traceId = l.context.getTraceId();
    out.id(1, SpanIds.parse(traceId, 0), SpanIds.parse(traceId, 16));
    out.id(2, SpanIds.parse(l.context.getSpanId(), 0));
    if (!l.context.getTraceState().isEmpty()) {
      out.string(3, traceState(l.context.getTraceState()), Integer.MAX_VALUE);
    }
    int[] left = {maxLinkAttributes};
    int[] dropped = {0};
    if (l.attributes != null) {
      l.attributes.forEach((key, value) -> {
        if (left[0]-- > 0) {
          keyValue(out, 4, key, value);
        } else {
          dropped[0]++;
        }
      });
    }
    if (dropped[0] > 0) {
      out.uint64(5, dropped[0]); // Link.dropped_attributes_count
    }
    out.fixed32(6, (l.context.isSampled() ? 1 : 0) | HAS_IS_REMOTE | (l.context.isRemote() ? IS_REMOTE : 0));
    out.end(m);
  }

  /** exception.type, .message and .stacktrace, unless the caller gave its own value for one of them. */
  /** Returns how many attributes it wrote, at most {@code room}. */
  private int exception(Throwable t, Attributes given, int room) {
    String type = t.getClass().getCanonicalName();
    int n = exceptionAttribute(given, "exception.type", type != null ? type : t.getClass().getName(), room);
    n += exceptionAttribute(given, "exception.message", t.getMessage(), room - n);
    if (room - n > 0) {
      StringWriter trace = new StringWriter();
      try (PrintWriter w = new PrintWriter(trace)) {
        t.printStackTrace(w);
      }
      n += exceptionAttribute(given, "exception.stacktrace", trace.toString(), room - n);
    }
    return n;
  }

  private int exceptionAttribute(Attributes given, String key, String value, int room) {
    AttributeKey<String> k = AttributeKey.stringKey(key);
    if (room > 0 && value != null && given.get(k) == null) {
      keyValue(out, 3, k, value);
      return 1;
    }
    return 0;
  }

  private void attributes(ProtoBuffer b, int field, Attributes attributes) {
    attributes.forEach((key, value) -> keyValue(b, field, key, value));
  }

  private void keyValue(ProtoBuffer b, int field, AttributeKey<?> key, Object value) {
    int kv = b.begin(field);
    b.string(1, key.getKey(), Integer.MAX_VALUE);
    int v = b.begin(2);
    switch (key.getType()) {
      case STRING_ARRAY:
      case BOOLEAN_ARRAY:
      case LONG_ARRAY:
      case DOUBLE_ARRAY:
        int array = b.begin(5);
        for (Object element : (List<?>) value) {
          int any = b.begin(1);
          anyValue(b, element);
          b.end(any);
        }
        b.end(array);
        break;
      default:
        anyValue(b, value);
    }
    b.end(v);
    b.end(kv);
  }

  /** The AnyValue fields of a scalar: string_value 1, bool_value 2, int_value 3, double_value 4. */
  private void anyValue(ProtoBuffer b, Object value) {
    if (value instanceof Boolean) {
      b.uint64(2, (Boolean) value ? 1 : 0);
    } else if (value instanceof Long) {
      b.uint64(3, (Long) value);
    } else if (value instanceof Double) {
      b.fixed64(4, Double.doubleToRawLongBits((Double) value));
    } else {
      b.string(1, String.valueOf(value), maxLength);
    }
  }

  private static String traceState(TraceState state) {
    StringBuilder s = new StringBuilder();
    state.forEach((key, value) -> {
      if (s.length() > 0) {
        s.append(',');
      }
      s.append(key).append('=').append(value);
    });
    return s.toString();
  }
}
