package dev.vigil.agent.otelapi;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.List;

/** Attribute values as the bridge hands them over (plain Java values), onto Vigil's spans. */
final class ApiValues {
  private ApiValues() {}

  /** Sets an attribute the application gave as a plain value (String, Long, Double, Boolean or a List of one). */
  @SuppressWarnings("unchecked")
  static void setAttribute(Span span, String key, Object value) {
    if (value instanceof String) {
      span.setAttribute(AttributeKey.stringKey(key), (String) value);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      span.setAttribute(AttributeKey.longKey(key), ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      span.setAttribute(AttributeKey.doubleKey(key), ((Number) value).doubleValue());
    } else if (value instanceof Boolean) {
      span.setAttribute(AttributeKey.booleanKey(key), (Boolean) value);
    } else if (value instanceof List && !((List<?>) value).isEmpty()) {
      Object first = ((List<?>) value).get(0);
      if (first instanceof Long) {
        span.setAttribute(AttributeKey.longArrayKey(key), (List<Long>) value);
      } else if (first instanceof Double) {
        span.setAttribute(AttributeKey.doubleArrayKey(key), (List<Double>) value);
      } else if (first instanceof Boolean) {
        span.setAttribute(AttributeKey.booleanArrayKey(key), (List<Boolean>) value);
      } else {
        List<String> strings = new ArrayList<>();
        for (Object o : (List<?>) value) {
          strings.add(String.valueOf(o));
        }
        span.setAttribute(AttributeKey.stringArrayKey(key), strings);
      }
    } else if (value != null) {
      span.setAttribute(AttributeKey.stringKey(key), String.valueOf(value));
    }
  }

  static Attributes attributes(Object[] kv) {
    if (kv == null || kv.length == 0) {
      return Attributes.empty();
    }
    AttributesBuilder b = Attributes.builder();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      if (kv[i] instanceof String && kv[i + 1] != null) {
        Object v = kv[i + 1];
        String k = (String) kv[i];
        if (v instanceof String) {
          b.put(k, (String) v);
        } else if (v instanceof Long) {
          b.put(k, (Long) v);
        } else if (v instanceof Double) {
          b.put(k, (Double) v);
        } else if (v instanceof Boolean) {
          b.put(k, (Boolean) v);
        } else {
          b.put(k, String.valueOf(v));
        }
      }
    }
    return b.build();
  }

  /** A trace state from its W3C form ({@code k=v,k2=v2}); entries the builder refuses are left out. */
  static TraceState traceState(String w3c) {
    if (w3c == null || w3c.isEmpty()) {
      return TraceState.getDefault();
    }
    TraceStateBuilder b = TraceState.builder();
    String[] members = w3c.split(",");
    for (int i = members.length - 1; i >= 0; i--) { // the builder puts each new entry first
      int eq = members[i].indexOf('=');
      if (eq > 0) {
        b.put(members[i].substring(0, eq).trim(), members[i].substring(eq + 1).trim());
      }
    }
    return b.build();
  }

  static String w3c(TraceState state) {
    StringBuilder s = new StringBuilder();
    state.forEach((key, value) -> (s.length() == 0 ? s : s.append(',')).append(key).append('=').append(value));
    return s.toString();
  }
}
