package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Vigil's configured propagators (W3C trace context and baggage by default) for the application's carriers. */
final class BridgePropagator implements TextMapPropagator {
  @Override
  public Collection<String> fields() {
    return Arrays.asList(Bridge.otelApi().propagationFields());
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Bridge.otelApi().inject(BridgeContext.vigilOf(context), headers);
    headers.forEach((k, v) -> setter.set(carrier, k, v));
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (getter == null) {
      return base;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String field : Bridge.otelApi().propagationFields()) {
      String value = getter.get(carrier, field);
      if (value != null) {
        headers.put(field, value);
      }
    }
    if (headers.isEmpty()) {
      return base;
    }
    return new BridgeContext(Bridge.otelApi().extract(BridgeContext.vigilOf(base), headers));
  }
}
