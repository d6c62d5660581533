package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.OtelApiHandler;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * The application's view of one of Vigil's contexts: its span and baggage are Vigil's, translated on each read and
 * write; values under the application's other keys ride along inside Vigil's context. So a span the application makes
 * current is the parent of Vigil's spans (a JDBC call) and the other way round.
 */
final class BridgeContext implements Context {
  final Object vigil;

  BridgeContext(Object vigil) {
    this.vigil = vigil;
  }

  /** Vigil's context for any context of the application (one of another implementation is translated). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object vigilOf(Context context) {
    if (context instanceof BridgeContext) {
      return ((BridgeContext) context).vigil;
    }
    Context translated = new BridgeContext(Bridge.otelApi().rootContext());
    if (context != null) {
      Object span = context.get(Keys.SPAN);
      if (span != null) {
        translated = translated.with((ContextKey) Keys.SPAN, span);
      }
      Object baggage = context.get(Keys.BAGGAGE);
      if (baggage != null) {
        translated = translated.with((ContextKey) Keys.BAGGAGE, baggage);
      }
    }
    return ((BridgeContext) translated).vigil;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(ContextKey<V> key) {
    OtelApiHandler h = Bridge.otelApi();
    if (key == Keys.SPAN) {
      Object span = h.span(vigil);
      if (span == null) {
        return null;
      }
      Span own = ownSpan(h, span);
      return own != null ? (V) own : (V) new BridgeSpan(span);
    }
    if (key == Keys.BAGGAGE) {
      String[] triples = h.baggage(vigil);
      return triples == null ? null : (V) Baggages.toApp(triples);
    }
    Object values = h.appValues(vigil);
    return values instanceof AppValues ? ((AppValues) values).get(key) : null;
  }

  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    OtelApiHandler h = Bridge.otelApi();
    if (key == Keys.SPAN) {
      Object next = BridgeSpan.into(h, vigil, (Span) value);
      if (value != null && !(value instanceof BridgeSpan)) {
        next = h.withAppValues(next, AppValues.with(h.appValues(next), key, value));
      }
      return new BridgeContext(next);
    }
    if (key == Keys.BAGGAGE) {
      return new BridgeContext(h.withBaggage(vigil, Baggages.toVigil((Baggage) value)));
    }
    return new BridgeContext(h.withAppValues(vigil, AppValues.with(h.appValues(vigil), key, value)));
  }

  /**
   * The application's own span object (of an SDK of its own, or {@code Span.wrap}) when it is still the current one:
   * Vigil's context knows it only by its ids, and the application gets back the very object it stored.
   */
  private Span ownSpan(OtelApiHandler h, Object vigilSpan) {
    Object values = h.appValues(vigil);
    Object own = values instanceof AppValues ? ((AppValues) values).get(Keys.SPAN) : null;
    if (!(own instanceof Span)) {
      return null;
    }
    String[] ids = h.ids(vigilSpan);
    SpanContext c = ((Span) own).getSpanContext();
    return ids != null && ids[1].equals(c.getSpanId()) && ids[0].equals(c.getTraceId()) ? (Span) own : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BridgeContext && ((BridgeContext) o).vigil == vigil;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(vigil);
  }

  @Override
  public String toString() {
    return "VigilContext{" + vigil + "}";
  }
}
