package dev.vigil.agent.tracing;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts bounds on what inbound headers can do: a header value longer than {@link #MAX_HEADER_LENGTH} is ignored (as if
 * absent), at most {@link #MAX_BAGGAGE_ENTRIES} baggage entries are kept, and a propagator that throws leaves the
 * context as it was: a malformed header starts a new trace, never an exception.
 */
final class BoundedPropagator implements TextMapPropagator {
  /** W3C baggage allows 8192 bytes; traceparent and tracestate are far shorter. */
  static final int MAX_HEADER_LENGTH = 8192;
  static final int MAX_BAGGAGE_ENTRIES = 64;

  private final TextMapPropagator delegate;

  BoundedPropagator(TextMapPropagator delegate) {
    this.delegate = delegate;
  }

  @Override
  public Collection<String> fields() {
    return delegate.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    delegate.inject(context, carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    try {
      Context extracted = delegate.extract(context, carrier, new Bounded<>(getter));
      Baggage baggage = Baggage.fromContextOrNull(extracted);
      if (baggage != null && baggage.size() > MAX_BAGGAGE_ENTRIES) {
        extracted = extracted.with(firstEntries(baggage));
      }
      return extracted;
    } catch (Throwable t) {
      return context;
    }
  }

  private static Baggage firstEntries(Baggage baggage) {
    BaggageBuilder kept = Baggage.builder();
    AtomicInteger n = new AtomicInteger();
    baggage.forEach((k, v) -> {
      if (n.getAndIncrement() < MAX_BAGGAGE_ENTRIES) {
        kept.put(k, v.getValue(), v.getMetadata());
      }
    });
    return kept.build();
  }

  private static final class Bounded<C> implements TextMapGetter<C> {
    private final TextMapGetter<C> getter;

    Bounded(TextMapGetter<C> getter) {
      this.getter = getter;
    }

    @Override
    public Iterable<String> keys(C carrier) {
      return getter.keys(carrier);
    }

    @Override
    public String get(C carrier, String key) {
      String v = getter.get(carrier, key);
      return v != null && v.length() > MAX_HEADER_LENGTH ? null : v;
    }
  }
}
