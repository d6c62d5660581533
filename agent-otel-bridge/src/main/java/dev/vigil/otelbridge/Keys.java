package dev.vigil.otelbridge;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * The application API's own keys for the span and the baggage of a context. They are package-private in the API, so
 * they are learnt by asking a span and a baggage to store themselves in a context that notes the key it is given.
 */
final class Keys {
  static final ContextKey<?> SPAN;
  static final ContextKey<?> BAGGAGE;

  static {
    Probe probe = new Probe();
    Span.getInvalid().storeInContext(probe);
    SPAN = probe.key;
    Baggage.empty().storeInContext(probe);
    BAGGAGE = probe.key;
  }

  private Keys() {}

  private static final class Probe implements Context {
    ContextKey<?> key;

    @Override
    public <V> V get(ContextKey<V> k) {
      return null;
    }

    @Override
    public <V> Context with(ContextKey<V> k, V value) {
      key = k;
      return this;
    }
  }
}
