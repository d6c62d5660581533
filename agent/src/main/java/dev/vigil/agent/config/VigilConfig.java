package dev.vigil.agent.config;

import dev.vigil.agent.logging.AgentLog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Configuration, read once at start-up. A key's value comes from the first source that has it: system property
 * ({@code -Dvigil.x.y}), agent arguments, environment ({@code VIGIL_X_Y}), the properties file ({@code vigil.config}),
 * the default. A value that does not parse logs one line naming the key, the value and the default used.
 */
public final class VigilConfig {
  private final Map<String, String> sysProps;
  private final Map<String, String> agentArgs;
  private final Map<String, String> env;
  private final Map<String, String> file;
  /** Warnings already given about this configuration: a value read by several parts of the agent is reported once. */
  private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

  VigilConfig(Map<String, String> sysProps, Map<String, String> agentArgs, Map<String, String> env) {
    this.sysProps = sysProps;
    this.agentArgs = agentArgs;
    this.env = env;
    this.file = loadFile(raw(ConfigKeys.CONFIG_FILE.name));
  }

  public static VigilConfig load(String agentArgs) {
    Map<String, String> props = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      props.put(name, System.getProperty(name));
    }
    return new VigilConfig(props, parseArgs(agentArgs), System.getenv());
  }

  /** For tests: explicit sources. */
  public static VigilConfig of(Map<String, String> sysProps, Map<String, String> env) {
    return new VigilConfig(sysProps, Collections.emptyMap(), env);
  }

  /** {@code key=value,key=value}, as given after {@code -javaagent:vigil-agent.jar=}. */
  static Map<String, String> parseArgs(String args) {
    Map<String, String> out = new LinkedHashMap<>();
    if (args == null || args.isBlank()) {
      return out;
    }
    for (String pair : args.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String key = pair.substring(0, eq).trim();
        out.put(key.startsWith("vigil.") ? key : "vigil." + key, pair.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /** Every key starting with {@code prefix} set as a system property, agent option or in the file, with its value. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Map<String, String> source : java.util.Arrays.asList(file, agentArgs, sysProps)) { // later sources win
      if (source != null) {
        source.forEach((k, v) -> {
          if (k.startsWith(prefix) && v != null) {
            out.put(k, v.trim());
          }
        });
      }
    }
    return out;
  }

  /** The raw value of a key, or null when no source sets it. */
  public String raw(String key) {
    String v = sysProps.get(key);
    if (v == null) {
      v = agentArgs.get(key);
    }
    if (v == null) {
      v = env.get(ConfigKey.envName(key));
    }
    if (v == null && file != null) {
      v = file.get(key);
    }
    if (v == null) { // the standard OpenTelemetry setting that says the same thing (OTEL_BLRP_MAX_QUEUE_SIZE...)
      OtelKey standard = OtelKeys.forVigilKey(key);
      String o = standard == null ? null : otel(standard.name);
      v = o == null || o.isEmpty() ? null : o;
    }
    return v == null ? null : v.trim();
  }

  public String getString(ConfigKey key) {
    String v = raw(key.name);
    return v == null ? key.defaultValue : v;
  }

  public boolean getBoolean(ConfigKey key) {
    return getBoolean(key.name, Boolean.parseBoolean(key.defaultValue));
  }

  public boolean getBoolean(String name, boolean defaultValue) {
    return parse(name, String.valueOf(defaultValue), VigilConfig::parseBoolean, "true or false");
  }

  public int getInt(ConfigKey key) {
    return parse(key.name, key.defaultValue, Integer::parseInt, "an integer");
  }

  /** Durations: 250ms, 60s, 2m, 1h; a bare number is milliseconds. Returned in milliseconds. */
  public long getDurationMillis(ConfigKey key) {
    return parse(key.name, key.defaultValue, VigilConfig::parseDurationMillis, "a duration such as 500ms or 60s");
  }

  public boolean instrumentationEnabled(String name) {
    return getBoolean(ConfigKeys.instrumentationEnabled(name), true);
  }

  private <T> T parse(String name, String defaultValue, Function<String, T> parser, String expected) {
    String v = raw(name);
    if (v != null) {
      try {
        return parser.apply(v);
      } catch (RuntimeException e) {
        AgentLog.warn("config " + name + "=" + v + " is not " + expected + "; using the default " + defaultValue);
      }
    }
    return parser.apply(defaultValue);
  }

  static Boolean parseBoolean(String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true": return Boolean.TRUE;
      case "false": return Boolean.FALSE;
      default: throw new IllegalArgumentException(v);
    }
  }

  public static long parseDurationMillis(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    long factor = 1;
    if (s.endsWith("ms")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("s")) {
      factor = 1000;
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      factor = 60_000;
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("h")) {
      factor = 3_600_000;
      s = s.substring(0, s.length() - 1);
    }
    long n = Long.parseLong(s.trim());
    if (n < 0) {
      throw new IllegalArgumentException("negative duration " + v);
    }
    return Math.multiplyExact(n, factor);
  }

  /** Service name: vigil.service.name, OTEL_SERVICE_NAME, service.name in OTEL_RESOURCE_ATTRIBUTES, a default. */
  public String serviceName() {
    String name = raw(ConfigKeys.SERVICE_NAME.name);
    if (name == null || name.isEmpty()) {
      name = otel("otel.service.name");
    }
    if (name == null || name.isEmpty()) {
      name = resourceAttributes().get("service.name");
    }
    return name == null || name.isEmpty() ? "unknown_service:java" : name;
  }

  /** OTEL_RESOURCE_ATTRIBUTES (or -Dotel.resource.attributes): key=value pairs, values percent-decoded. */
  public Map<String, String> resourceAttributes() {
    return OtelConfig.pairs(this, otel(OtelKeys.RESOURCE_ATTRIBUTES.name), OtelKeys.RESOURCE_ATTRIBUTES.envName(),
        false);
  }

  /** Logs {@code message} as a warning unless one with the same {@code key} was logged for this configuration. */
  public void warnOnce(String key, String message) {
    if (warned.add(key)) {
      AgentLog.warn(message);
    }
  }

  /** A standard OpenTelemetry setting: system property {@code otel.x.y} or environment {@code OTEL_X_Y}. */
  public String otel(String key) {
    String v = sysProps.get(key);
    if (v == null) {
      v = env.get(ConfigKey.envName(key));
    }
    return v == null ? null : v.trim();
  }

  private Map<String, String> loadFile(String path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(Paths.get(path))) {
      p.load(in);
    } catch (Exception e) {
      AgentLog.warn("config file " + path + " (vigil.config) cannot be read (" + e + "); using the other sources");
      return null;
    }
    Map<String, String> out = new HashMap<>();
    for (String name : p.stringPropertyNames()) {
      out.put(name, p.getProperty(name));
    }
    return out;
  }
}
