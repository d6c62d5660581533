package dev.vigil.otelbridge;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleUpDownCounter;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongGauge;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;

/**
 * An application instrument of any kind (counter, up-down counter, histogram, gauge; long or double), or the
 * measurement a callback records observed values into: values go to Vigil's instrument of the same name, whose side
 * knows what a value means for its kind. The {@code Context} argument (exemplars) is not used.
 */
final class BridgeInstrument implements LongCounter, DoubleCounter, LongUpDownCounter, DoubleUpDownCounter,
    LongHistogram, DoubleHistogram, LongGauge, DoubleGauge, ObservableLongMeasurement, ObservableDoubleMeasurement {
  static final BridgeInstrument NOOP = new BridgeInstrument(null);

  /** Null for the no-op. */
  private final SeriesCache series;

  BridgeInstrument(SeriesCache series) {
    this.series = series;
  }

  /**
   * Newer APIs give each of the interfaces above a default {@code isEnabled()}: with several, the JVM would refuse
   * the call, so this class declares its own.
   */
  public boolean isEnabled() {
    return series != null;
  }

  @Override
  public void record(double value, Attributes attributes) {
    if (series != null) {
      series.record(value, attributes);
    }
  }

  @Override
  public void add(long value) {
    record(value, null);
  }

  @Override
  public void add(long value, Attributes attributes) {
    record(value, attributes);
  }

  @Override
  public void add(long value, Attributes attributes, Context context) {
    record(value, attributes);
  }

  @Override
  public void add(double value) {
    record(value, null);
  }

  @Override
  public void add(double value, Attributes attributes) {
    record(value, attributes);
  }

  @Override
  public void add(double value, Attributes attributes, Context context) {
    record(value, attributes);
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
  public void record(long value, Attributes attributes, Context context) {
    record((double) value, attributes);
  }

  @Override
  public void record(double value) {
    record(value, null);
  }

  @Override
  public void record(double value, Attributes attributes, Context context) {
    record(value, attributes);
  }

  @Override
  public void set(long value) {
    record(value, null);
  }

  @Override
  public void set(long value, Attributes attributes) {
    record(value, attributes);
  }

  @Override
  public void set(long value, Attributes attributes, Context context) {
    record(value, attributes);
  }

  @Override
  public void set(double value) {
    record(value, null);
  }

  @Override
  public void set(double value, Attributes attributes) {
    record(value, attributes);
  }

  @Override
  public void set(double value, Attributes attributes, Context context) {
    record(value, attributes);
  }
}
