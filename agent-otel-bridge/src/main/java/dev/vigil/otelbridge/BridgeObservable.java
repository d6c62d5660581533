package dev.vigil.otelbridge;

import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.ObservableDoubleCounter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableDoubleUpDownCounter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;

/** A registered callback (of one observable instrument, or a batch): closing it stops Vigil running it. */
final class BridgeObservable implements ObservableLongCounter, ObservableDoubleCounter, ObservableLongUpDownCounter,
    ObservableDoubleUpDownCounter, ObservableLongGauge, ObservableDoubleGauge, BatchCallback {
  static final BridgeObservable NOOP = new BridgeObservable(null);

  private final AutoCloseable registration;

  BridgeObservable(AutoCloseable registration) {
    this.registration = registration;
  }

  @Override
  public void close() {
    try {
      if (registration != null) {
        registration.close();
      }
    } catch (Exception ignored) {
      // Vigil's registrations do not throw
    }
  }
}
