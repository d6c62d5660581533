package dev.vigil.otelbridge;

import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.util.List;
import java.util.function.Consumer;

/** Builds a double instrument of the kind it was made for (counter, up-down counter, histogram or gauge). */
final class BridgeDoubleBuilder implements DoubleCounterBuilder, DoubleUpDownCounterBuilder, DoubleHistogramBuilder,
    DoubleGaugeBuilder {
  private final InstrumentSpec spec;

  BridgeDoubleBuilder(InstrumentSpec spec) {
    this.spec = spec;
  }

  @Override
  public BridgeDoubleBuilder setDescription(String description) {
    spec.description(description);
    return this;
  }

  @Override
  public BridgeDoubleBuilder setUnit(String unit) {
    spec.unit(unit);
    return this;
  }

  @Override
  public BridgeDoubleBuilder setExplicitBucketBoundariesAdvice(List<Double> bucketBoundaries) {
    spec.bounds(bucketBoundaries);
    return this;
  }

  @Override
  public BridgeLongBuilder ofLongs() {
    return new BridgeLongBuilder(spec.copy());
  }

  @Override
  public BridgeInstrument build() {
    return spec.build();
  }

  @Override
  public BridgeObservable buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
    return spec.withCallback(callback::accept);
  }

  @Override
  public BridgeInstrument buildObserver() {
    return spec.observer();
  }
}
