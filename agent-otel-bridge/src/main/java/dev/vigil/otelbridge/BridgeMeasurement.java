package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;

/** What an application callback records observed values into (long or double). */
final class BridgeMeasurement implements ObservableLongMeasurement, ObservableDoubleMeasurement {
  /** Vigil's observed instrument, or null (refused: values go nowhere). */
  final Object vigil;

  BridgeMeasurement(Object vigil) {
    this.vigil = vigil;
  }

  @Override
  public void record(long value) {
    record(value, null);
  }

  @Override
  public void record(long value, Attributes attributes) {
    record((double) value, attributes);
  }

  @Override
  public void record(double value) {
    record(value, null);
  }

  @Override
  public void record(double value, Attributes attributes) {
    if (vigil != null) {
      Bridge.otelApi().record(vigil, value, BridgeSpan.flat(attributes));
    }
  }
}
