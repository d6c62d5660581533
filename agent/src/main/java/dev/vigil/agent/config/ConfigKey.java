package dev.vigil.agent.config;

/** One configuration key: its name, type, default and the sentence docs/configuration.md shows for it. */
public final class ConfigKey {
  public enum Type { BOOLEAN, INT, DURATION, STRING, LIST }

  public final String name;
  public final Type type;
  public final String defaultValue;
  public final String description;

  ConfigKey(String name, Type type, String defaultValue, String description) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** {@code vigil.prometheus.port} becomes {@code VIGIL_PROMETHEUS_PORT}. */
  public String envName() {
    return envName(name);
  }

  static String envName(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (char c : key.toCharArray()) {
      out.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
    }
    return out.toString();
  }
}
