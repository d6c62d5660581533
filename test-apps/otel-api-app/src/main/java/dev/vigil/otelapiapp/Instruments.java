package dev.vigil.otelapiapp;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every kind of instrument the API has, as an application would use them: recorded on each {@code /work}, or observed
 * by callbacks (one of them broken: it throws; one slow the first time it runs).
 */
final class Instruments {
  private static final Meter METER = GlobalOpenTelemetry.getMeter("otel-api-app");
  private static final Attributes ORDERS_QUEUE = Attributes.of(AttributeKey.stringKey("queue"), "orders");

  private final LongUpDownCounter queueDepth = METER.upDownCounterBuilder("app.queue.depth").setUnit("{item}").build();
  private final DoubleHistogram orderAmount = METER.histogramBuilder("app.order.amount")
      .setDescription("amount per order").setExplicitBucketBoundariesAdvice(List.of(10.0, 100.0)).build();
  private final LongHistogram payloadSize = METER.histogramBuilder("app.payload.size").setUnit("By").ofLongs()
      .setExplicitBucketBoundariesAdvice(List.of(100L, 1000L)).build();
  private final DoubleGauge temperature = METER.gaugeBuilder("app.temperature").build();
  private final AtomicBoolean slowOnce = new AtomicBoolean(true);

  Instruments() {
    METER.gaugeBuilder("app.pool.size").ofLongs()
        .buildWithCallback(m -> m.record(7, Attributes.of(AttributeKey.stringKey("pool"), "main")));
    METER.counterBuilder("app.jobs.done").buildWithCallback(m -> m.record(41));
    METER.upDownCounterBuilder("app.sessions.active").ofDoubles().buildWithCallback(m -> m.record(3.5));
    ObservableLongMeasurement first = METER.gaugeBuilder("app.batch.first").ofLongs().buildObserver();
    ObservableLongMeasurement second = METER.counterBuilder("app.batch.second").buildObserver();
    METER.batchCallback(() -> {
      first.record(1);
      second.record(2);
    }, first, second);
    METER.gaugeBuilder("app.broken").buildWithCallback(m -> {
      throw new IllegalStateException("a broken callback");
    });
    METER.gaugeBuilder("app.slow").buildWithCallback(m -> {
      if (slowOnce.getAndSet(false)) {
        sleep(3000);
      }
      m.record(1);
    });
  }

  void record() {
    queueDepth.add(3, ORDERS_QUEUE);
    queueDepth.add(-1, ORDERS_QUEUE);
    orderAmount.record(42.5);
    payloadSize.record(512);
    temperature.set(21.5);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
