package dev.vigil.exporter.model;

import java.util.List;

/** Something that has metrics: the signal core, the JVM metrics. Called on an exporter thread, never on app threads. */
public interface MetricProducer {
  /** Adds a snapshot of this producer's families to {@code out}. Must not block for long and must not throw. */
  void collect(List<MetricFamily> out);
}
