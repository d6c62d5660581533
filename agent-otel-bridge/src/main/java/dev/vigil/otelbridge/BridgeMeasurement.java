package dev.vigil.otelbridge;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;

/** What an application callback records observed values into (long or double). */
final class BridgeMeasurement implements ObservableLongMeasurement, ObservableDoubleMeasurement {
  /** Vigil's observed instrument's series, or null (refused: values go nowhere). */
  final SeriesCache series;

  BridgeMeasurement(SeriesCache series) {
    this.series = series;
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
    if (series != null) {
      series.record(value, attributes);
    }
  }
}
