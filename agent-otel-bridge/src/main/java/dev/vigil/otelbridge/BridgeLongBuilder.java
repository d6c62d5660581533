package dev.vigil.otelbridge;

import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongHistogramBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.List;
import java.util.function.Consumer;

/** Builds a long instrument of the kind it was made for (counter, up-down counter, histogram or gauge). */
final class BridgeLongBuilder implements LongCounterBuilder, LongUpDownCounterBuilder, LongHistogramBuilder,
    LongGaugeBuilder {
  private final InstrumentSpec spec;

  BridgeLongBuilder(InstrumentSpec spec) {
    this.spec = spec;
  }

  @Override
  public BridgeLongBuilder setDescription(String description) {
    spec.description(description);
    return this;
  }

  @Override
  public BridgeLongBuilder setUnit(String unit) {
    spec.unit(unit);
    return this;
  }

  @Override
  public BridgeLongBuilder setExplicitBucketBoundariesAdvice(List<Long> bucketBoundaries) {
    spec.bounds(bucketBoundaries);
    return this;
  }

  @Override
  public BridgeDoubleBuilder ofDoubles() {
    return new BridgeDoubleBuilder(spec.copy());
  }

  @Override
  public BridgeInstrument build() {
    return spec.build();
  }

  @Override
  public BridgeObservable buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
    return spec.withCallback(callback::accept);
  }

  @Override
  public BridgeInstrument buildObserver() {
    return spec.observer();
  }
}
