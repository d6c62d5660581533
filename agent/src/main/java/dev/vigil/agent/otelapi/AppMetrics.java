package dev.vigil.agent.otelapi;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.bootstrap.OtelApiHandler;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's own OpenTelemetry instruments, exported beside Vigil's metrics (/metrics and the OTLP push) under
 * their OpenTelemetry names and units. Bounded: at most {@link #MAX_INSTRUMENTS} instruments, {@link AppSeries} per
 * instrument, {@link AppCallbacks} for the observed ones (run before each collection, with a deadline).
 */
public final class AppMetrics implements MetricProducer {
  static final int MAX_INSTRUMENTS = 200;

  private final Map<String, AppInstrument> instruments = new ConcurrentHashMap<>();
  private final AppCallbacks callbacks = new AppCallbacks();

  /**
   * The instrument named {@code name} with {@code unit} (made on first use), or null past the cap or when the name is
   * already another kind's.
   */
  AppInstrument instrument(int kind, String name, String description, String unit, double[] bounds) {
    String otelName = name == null || name.isEmpty() ? "unnamed" : name;
    String otelUnit = unit == null ? "" : unit;
    String id = otelName + " " + otelUnit;
    AppInstrument i = instruments.get(id);
    if (i == null) {
      if (instruments.size() >= MAX_INSTRUMENTS) {
        AgentLog.once(AgentLog.Level.WARN, "otel-api-instruments", "the application made more than "
            + MAX_INSTRUMENTS + " OpenTelemetry instruments; the others are not exported", null);
        return null;
      }
      i = instruments.computeIfAbsent(id, x -> make(kind, otelName, description, otelUnit, bounds));
    }
    if (i.kind != kind) {
      AgentLog.once(AgentLog.Level.WARN, "otel-api-instrument-kind", "the application made OpenTelemetry instrument "
          + otelName + " twice, of two kinds; only the first is exported", null);
      return null;
    }
    return i;
  }

  /** Runs {@code callback} before each collection; null past the cap. */
  AutoCloseable callback(Runnable callback) {
    return callbacks.register(callback);
  }

  private AppInstrument make(int kind, String name, String description, String unit, double[] bounds) {
    switch (kind) {
      case OtelApiHandler.COUNTER:
        return new AppSum(kind, name, description, unit, true);
      case OtelApiHandler.UP_DOWN_COUNTER:
        return new AppSum(kind, name, description, unit, false);
      case OtelApiHandler.HISTOGRAM:
        return new AppHistogram(kind, name, description, unit, bounds);
      case OtelApiHandler.GAUGE:
        return new AppGauge(kind, name, description, unit, MetricFamily.Type.GAUGE, null, null);
      default: // observed: a counter's observations are its cumulative sums, the others' gauges
        MetricFamily.Type type = kind == (OtelApiHandler.COUNTER | OtelApiHandler.OBSERVED)
            ? MetricFamily.Type.COUNTER : MetricFamily.Type.GAUGE;
        return new AppGauge(kind, name, description, unit, type, callbacks::running, callbacks::completed);
    }
  }

  @Override
  public void collect(List<MetricFamily> out) {
    callbacks.runAll();
    List<Point> folded = new ArrayList<>();
    for (AppInstrument i : instruments.values()) {
      i.collect(out);
      long n = i.folded();
      if (n > 0) {
        folded.add(Point.value(Labels.of("metric", i.name), n));
      }
    }
    if (!folded.isEmpty()) {
      out.add(MetricFamily.otel("vigil.metric.series.folded", "{request}", MetricFamily.Type.COUNTER,
          "New series folded into _other because their metric's series cap was reached.", folded));
    }
  }
}
