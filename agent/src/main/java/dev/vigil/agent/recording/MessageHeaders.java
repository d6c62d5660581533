package dev.vigil.agent.recording;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The trace context in a message's headers. A header map is written into a copy (the caller's map may be shared or
 * immutable) and read with {@code toString()}, since brokers hand text headers back as their own types (RabbitMQ's
 * {@code LongString}); headers behind a reader (Kafka's) are read through it and written by the instrumentation, as
 * name-value pairs.
 */
final class MessageHeaders {
  static final String[] NONE = new String[0];
  static final TextMapGetter<Function<String, String>> READER = new TextMapGetter<Function<String, String>>() {
    @Override
    public Iterable<String> keys(Function<String, String> carrier) {
      return List.of();
    }

    @Override
    public String get(Function<String, String> carrier, String key) {
      return carrier == null || key == null ? null : carrier.apply(key);
    }
  };
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

  /**
   * The fields carrying {@code context} as name, value, name, value..., leaving out the names {@code present} already
   * finds (an application's own header is never overwritten); empty when there is nothing to add.
   */
  static String[] fields(TextMapPropagator propagator, Context context, Function<String, String> present) {
    List<String> out = new ArrayList<>(6);
    propagator.inject(context, out, (pairs, name, value) -> {
      if (pairs != null && name != null && value != null && (present == null || present.apply(name) == null)) {
        pairs.add(name);
        pairs.add(value);
      }
    });
    return out.isEmpty() ? NONE : out.toArray(NONE);
  }
}
