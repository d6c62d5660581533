package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.OtelApiHandler;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableMeasurement;

/**
 * The application's meters under Vigil: every instrument (counters, up-down counters, histograms, gauges; long and
 * double, synchronous or observed by callbacks) is exported with Vigil's metrics. One meter: the scope is not kept.
 */
final class BridgeMeters implements MeterProvider, Meter {
  static final BridgeMeters INSTANCE = new BridgeMeters();

  private BridgeMeters() {}

  @Override
  public MeterBuilder meterBuilder(String instrumentationScopeName) {
    return new MeterBuilder() {
      @Override
      public MeterBuilder setSchemaUrl(String schemaUrl) {
        return this;
      }

      @Override
      public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
        return this;
      }

      @Override
      public Meter build() {
        return INSTANCE;
      }
    };
  }

  @Override
  public LongCounterBuilder counterBuilder(String name) {
    return new BridgeLongBuilder(new InstrumentSpec(OtelApiHandler.COUNTER, name));
  }

  @Override
  public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
    return new BridgeLongBuilder(new InstrumentSpec(OtelApiHandler.UP_DOWN_COUNTER, name));
  }

  @Override
  public DoubleHistogramBuilder histogramBuilder(String name) {
    return new BridgeDoubleBuilder(new InstrumentSpec(OtelApiHandler.HISTOGRAM, name));
  }

  @Override
  public DoubleGaugeBuilder gaugeBuilder(String name) {
    return new BridgeDoubleBuilder(new InstrumentSpec(OtelApiHandler.GAUGE, name));
  }

  /** Runs {@code callback} at each collection; the measurements were made by the builders' {@code buildObserver}. */
  @Override
  public BatchCallback batchCallback(Runnable callback, ObservableMeasurement observableMeasurement,
      ObservableMeasurement... additionalMeasurements) {
    return callback == null ? BridgeObservable.NOOP : new BridgeObservable(Bridge.otelApi().callback(callback));
  }
}
