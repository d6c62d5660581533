package dev.vigil.agent.config;

/** One configuration key: its name, type, default and the sentence docs/configuration.md shows for it. */
public final class ConfigKey {
  public enum Type { BOOLEAN, INT, NUMBER, DURATION, STRING, LIST }

  public final String name;
  public final Type type;
  public final String defaultValue;
  public final String description;
  /** For Vigil's own tests: listed apart in docs/configuration.md, never to be set by users. */
  public final boolean testOnly;

  ConfigKey(String name, Type type, String defaultValue, String description, boolean testOnly) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.testOnly = testOnly;
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
