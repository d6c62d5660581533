package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.OtelApiHandler;
import java.util.List;
import java.util.function.Consumer;

/** What an instrument builder gathered: kind, name, description, unit, bucket boundaries; builds the instrument. */
final class InstrumentSpec {
  /** More boundaries than this is not a histogram an exporter should carry: the default ones are used. */
  private static final int MAX_BOUNDS = 100;

  final int kind;
  final String name;
  private String description = "";
  private String unit = "";
  private double[] bounds;

  InstrumentSpec(int kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /** The same spec for the other value type (ofDoubles, ofLongs): the builders that follow set their own. */
  InstrumentSpec copy() {
    InstrumentSpec s = new InstrumentSpec(kind, name);
    s.description = description;
    s.unit = unit;
    s.bounds = bounds;
    return s;
  }

  void description(String text) {
    description = text == null ? "" : text;
  }

  void unit(String text) {
    unit = text == null ? "" : text;
  }

  /** The advice's boundaries, if strictly increasing and finite (the SDK refuses others too). */
  void bounds(List<? extends Number> advice) {
    if (advice == null || advice.size() > MAX_BOUNDS) {
      return;
    }
    double[] b = new double[advice.size()];
    for (int i = 0; i < b.length; i++) {
      Number n = advice.get(i);
      b[i] = n == null ? Double.NaN : n.doubleValue();
      if (Double.isNaN(b[i]) || Double.isInfinite(b[i]) || i > 0 && b[i] <= b[i - 1]) {
        return;
      }
    }
    bounds = b;
  }

  /** The synchronous instrument, or a no-op when Vigil takes no more. */
  BridgeInstrument build() {
    Object vigil = Bridge.otelApi().instrument(kind, name, description, unit, bounds);
    return vigil == null ? BridgeInstrument.NOOP : new BridgeInstrument(new SeriesCache(vigil));
  }

  /** A measurement for a batch callback: values recorded in it are observed values of this instrument. */
  BridgeInstrument observer() {
    Object vigil = Bridge.otelApi().instrument(kind | OtelApiHandler.OBSERVED, name, description, unit, null);
    return vigil == null ? BridgeInstrument.NOOP : new BridgeInstrument(new SeriesCache(vigil));
  }

  /** An observed instrument whose callback Vigil runs at each collection. */
  BridgeObservable withCallback(Consumer<? super BridgeInstrument> callback) {
    BridgeInstrument m = observer();
    if (!m.isEnabled() || callback == null) {
      return BridgeObservable.NOOP;
    }
    return new BridgeObservable(Bridge.otelApi().callback(() -> callback.accept(m)));
  }
}
