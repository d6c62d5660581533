package dev.vigil.otelbridge;

import io.opentelemetry.context.ContextKey;
import java.util.Arrays;

/** What the application stores in a context under keys of its own: a small immutable list, kept in Vigil's context. */
final class AppValues {
  private final Object[] entries;

  private AppValues(Object[] entries) {
    this.entries = entries;
  }

  @SuppressWarnings("unchecked")
  <V> V get(ContextKey<V> key) {
    for (int i = 0; i < entries.length; i += 2) {
      if (entries[i] == key) {
        return (V) entries[i + 1];
      }
    }
    return null;
  }

  static AppValues with(Object old, ContextKey<?> key, Object value) {
    Object[] e = old instanceof AppValues ? ((AppValues) old).entries : new Object[0];
    for (int i = 0; i < e.length; i += 2) {
      if (e[i] == key) {
        Object[] copy = e.clone();
        copy[i + 1] = value;
        return new AppValues(copy);
      }
    }
    Object[] grown = Arrays.copyOf(e, e.length + 2);
    grown[e.length] = key;
    grown[e.length + 1] = value;
    return new AppValues(grown);
  }
}
