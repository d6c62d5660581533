package dev.vigil.otelbridge;

import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;

/**
 * The application's meters under Vigil: counters (long and double) are exported with Vigil's metrics; up-down
 * counters, histograms and gauges stay the API's no-ops.
 */
final class BridgeMeters implements MeterProvider, Meter {
  static final BridgeMeters INSTANCE = new BridgeMeters();
  private static final Meter NOOP = MeterProvider.noop().get("vigil");

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
    return new BridgeCounter.Builder(name);
  }

  @Override
  public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
    return NOOP.upDownCounterBuilder(name);
  }

  @Override
  public DoubleHistogramBuilder histogramBuilder(String name) {
    return NOOP.histogramBuilder(name);
  }

  @Override
  public DoubleGaugeBuilder gaugeBuilder(String name) {
    return NOOP.gaugeBuilder(name);
  }

  static DoubleCounterBuilder noopDoubles(String name) {
    return NOOP.counterBuilder(name).ofDoubles();
  }

  static Meter noop() {
    return NOOP;
  }
}
