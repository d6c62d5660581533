package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.ObservableDoubleCounter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import java.util.function.Consumer;

/** An application counter whose adds go to Vigil's counter of the same name. */
final class BridgeCounter implements LongCounter, DoubleCounter {
  private final Object vigil;

  private BridgeCounter(Object vigil) {
    this.vigil = vigil;
  }

  @Override
  public void add(long value) {
    Bridge.otelApi().add(vigil, value, null);
  }

  @Override
  public void add(long value, Attributes attributes) {
    Bridge.otelApi().add(vigil, value, BridgeSpan.flat(attributes));
  }

  @Override
  public void add(long value, Attributes attributes, Context context) {
    add(value, attributes);
  }

  @Override
  public void add(double value) {
    Bridge.otelApi().add(vigil, value, null);
  }

  @Override
  public void add(double value, Attributes attributes) {
    Bridge.otelApi().add(vigil, value, BridgeSpan.flat(attributes));
  }

  @Override
  public void add(double value, Attributes attributes, Context context) {
    add(value, attributes);
  }

  /** Builds a long counter; {@link #ofDoubles} a double one; callback counters stay no-ops. */
  static final class Builder implements LongCounterBuilder {
    private final String name;
    private String description = "";
    private String unit = "";

    Builder(String name) {
      this.name = name;
    }

    @Override
    public LongCounterBuilder setDescription(String text) {
      description = text == null ? "" : text;
      return this;
    }

    @Override
    public LongCounterBuilder setUnit(String text) {
      unit = text == null ? "" : text;
      return this;
    }

    @Override
    public DoubleCounterBuilder ofDoubles() {
      return new DoubleBuilder(name, description, unit);
    }

    @Override
    public LongCounter build() {
      Object vigil = Bridge.otelApi().counter(name, description, unit);
      return vigil == null ? BridgeMeters.noop().counterBuilder(name).build() : new BridgeCounter(vigil);
    }

    @Override
    public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
      return BridgeMeters.noop().counterBuilder(name).buildWithCallback(callback);
    }
  }

  static final class DoubleBuilder implements DoubleCounterBuilder {
    private final String name;
    private String description;
    private String unit;

    DoubleBuilder(String name, String description, String unit) {
      this.name = name;
      this.description = description;
      this.unit = unit;
    }

    @Override
    public DoubleCounterBuilder setDescription(String text) {
      description = text == null ? "" : text;
      return this;
    }

    @Override
    public DoubleCounterBuilder setUnit(String text) {
      unit = text == null ? "" : text;
      return this;
    }

    @Override
    public DoubleCounter build() {
      Object vigil = Bridge.otelApi().counter(name, description, unit);
      return vigil == null ? BridgeMeters.noopDoubles(name).build() : new BridgeCounter(vigil);
    }

    @Override
    public ObservableDoubleCounter buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
      return BridgeMeters.noopDoubles(name).buildWithCallback(callback);
    }
  }
}
