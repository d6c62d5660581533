package dev.vigil.agent.recording;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace context in a message's headers. Written into a copy (the caller's map may be shared or immutable); read
 * with {@code toString()}, since brokers hand text headers back as their own types (RabbitMQ's {@code LongString}).
 */
final class MessageHeaders {
  static final TextMapGetter<Map<String, Object>> GETTER = new TextMapGetter<Map<String, Object>>() {
    @Override
    public Iterable<String> keys(Map<String, Object> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, Object> carrier, String key) {
      Object value = carrier == null || key == null ? null : carrier.get(key);
      if (value instanceof byte[]) {
        return new String((byte[]) value, StandardCharsets.UTF_8);
      }
      return value == null ? null : value.toString();
    }
  };
  private static final TextMapSetter<Map<String, Object>> SETTER = (headers, name, value) -> {
    if (headers != null && name != null && value != null) {
      headers.put(name, value);
    }
  };

  private MessageHeaders() {}

  /** {@code headers} (may be null) plus the fields carrying {@code context}; null when there is nothing to add. */
  static Map<String, Object> inject(TextMapPropagator propagator, Context context, Map<String, Object> headers) {
    if (propagator.fields().isEmpty()) {
      return null;
    }
    Map<String, Object> copy = headers == null ? new HashMap<>(4) : new HashMap<>(headers);
    propagator.inject(context, copy, SETTER);
    return copy.equals(headers == null ? Map.of() : headers) ? null : copy; // no context: the message goes unchanged
  }
}
