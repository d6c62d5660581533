package dev.vigil.agent.config;

import java.util.List;

/**
 * One standard OpenTelemetry setting: its system property ({@code otel.bsp.schedule.delay}), type, default, what it
 * means and which signal it applies to. The environment form ({@code OTEL_BSP_SCHEDULE_DELAY}) is derived; a system
 * property wins over the variable, as the OpenTelemetry Java SDK does.
 */
public final class OtelKey {
  public enum Type { BOOLEAN, INT, DURATION, RATIO, STRING, CHOICE, LIST, PAIRS, FILE }

  public final String name;
  public final Type type;
  /** As a user would write it; empty: not set (the meaning says what happens then). */
  public final String defaultValue;
  public final String description;
  /** traces, metrics, logs, all (every signal) or resource. */
  public final String appliesTo;
  /** For {@link Type#CHOICE} and {@link Type#LIST}: the accepted values, lower case. */
  public final List<String> choices;
  /** The vigil.* key this one stands in for when that key is not set, or null. */
  public final String vigilKey;

  OtelKey(String name, Type type, String defaultValue, String description, String appliesTo, List<String> choices,
      String vigilKey) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.appliesTo = appliesTo;
    this.choices = choices;
    this.vigilKey = vigilKey;
  }

  /** {@code otel.bsp.schedule.delay} becomes {@code OTEL_BSP_SCHEDULE_DELAY}. */
  public String envName() {
    return ConfigKey.envName(name);
  }

  @Override
  public String toString() {
    return envName();
  }
}
