package dev.vigil.agent.otelapi;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import java.util.List;

/** One application instrument, by its OpenTelemetry name and unit: what a value means is its kind's business. */
abstract class AppInstrument {
  final int kind;
  final String name;
  final String help;
  final String unit;

  AppInstrument(int kind, String name, String description, String unit) {
    this.kind = kind;
    this.name = name;
    this.help = description == null || description.isEmpty() ? "Instrument " + name + " of the application." : description;
    this.unit = unit;
  }

  /** The series of {@code attributes} (key, value, ...; may be null), made on first use or folded past the cap. */
  abstract Series series(Object[] attributes);

  /** Adds, records or sets {@code value} for the series of {@code attributes}. */
  final void record(double value, Object[] attributes) {
    series(attributes).record(value);
  }

  /** Appends this instrument's family, unless it has no series yet. */
  abstract void collect(List<MetricFamily> out);

  /** Measurements folded into {@code _other} series. */
  abstract long folded();

  /** One series: what recording a value means is its instrument's kind. */
  interface Series {
    void record(double value);
  }

  static Labels labels(List<String> key) {
    String[] names = new String[key.size() / 2];
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = key.get(2 * i);
      values[i] = key.get(2 * i + 1);
    }
    return new Labels(names, values);
  }
}
