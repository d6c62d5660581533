package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import io.opentelemetry.api.common.Attributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vigil's series of one instrument by the application's {@code Attributes}: a record with an attribute set seen before
 * is one map lookup and one call, allocating nothing. At most {@link #MAX} sets are kept; past it, records still land
 * in the right series, through Vigil's slower lookup.
 */
final class SeriesCache {
  static final int MAX = 500;

  private final Object vigil;
  private final Map<Attributes, Object> series = new ConcurrentHashMap<>();

  SeriesCache(Object vigil) {
    this.vigil = vigil;
  }

  void record(double value, Attributes attributes) {
    Attributes key = attributes == null ? Attributes.empty() : attributes;
    Object s = series.get(key);
    if (s == null) {
      s = Bridge.otelApi().series(vigil, BridgeSpan.flat(key));
      if (s == null) {
        return;
      }
      if (series.size() < MAX) {
        series.putIfAbsent(key, s);
      }
    }
    Bridge.otelApi().record(s, value);
  }
}
