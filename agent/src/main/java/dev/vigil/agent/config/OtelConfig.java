package dev.vigil.agent.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The standard OpenTelemetry settings ({@link OtelKeys}), parsed: system property {@code otel.x.y} first, then
 * variable {@code OTEL_X_Y}; an empty value counts as unset. A bad value logs one line (once per setting) naming the
 * variable, the value and the default used, and the default applies.
 */
public final class OtelConfig {
  private final VigilConfig config;

  private OtelConfig(VigilConfig config) {
    this.config = config;
  }

  public static OtelConfig of(VigilConfig config) {
    return new OtelConfig(config);
  }

  /** The value as given (trimmed), or null when unset or empty. */
  public String raw(OtelKey key) {
    String v = config.otel(key.name);
    return v == null || v.isEmpty() ? null : v;
  }

  public boolean isSet(OtelKey key) {
    return raw(key) != null;
  }

  public boolean bool(OtelKey key) {
    String v = raw(key);
    if (v != null) {
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
        return v.equalsIgnoreCase("true");
      }
      bad(key, v, "true or false", key.defaultValue);
    }
    return Boolean.parseBoolean(key.defaultValue);
  }

  /** A whole number, at least 0; {@code fallback} when unset or bad and the row has no default. */
  public int integer(OtelKey key, int fallback) {
    int defaultValue = key.defaultValue.isEmpty() ? fallback : Integer.parseInt(key.defaultValue);
    String v = raw(key);
    if (v != null) {
      try {
        int parsed = Integer.parseInt(v);
        if (parsed >= 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      bad(key, v, "a whole number, 0 or more", key.defaultValue.isEmpty() ? "" : key.defaultValue);
    }
    return defaultValue;
  }

  public int integer(OtelKey key) {
    return integer(key, -1);
  }

  /** Milliseconds: a bare number, or with a unit (ms, s, m, h) as the OpenTelemetry Java SDK accepts; above 0. */
  public long millis(OtelKey key) {
    String v = raw(key);
    if (v != null) {
      try {
        long parsed = VigilConfig.parseDurationMillis(v);
        if (parsed > 0) {
          return parsed;
        }
      } catch (RuntimeException e) {
        // said below
      }
      bad(key, v, "a positive number of milliseconds", key.defaultValue);
    }
    return Long.parseLong(key.defaultValue);
  }

  public double ratio(OtelKey key) {
    String v = raw(key);
    if (v != null) {
      try {
        double parsed = Double.parseDouble(v);
        if (parsed >= 0 && parsed <= 1) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      bad(key, v, "a ratio between 0 and 1", key.defaultValue);
    }
    return Double.parseDouble(key.defaultValue);
  }

  /** One of the row's choices, lower case. */
  public String choice(OtelKey key) {
    String v = raw(key);
    if (v != null) {
      String lower = v.toLowerCase(Locale.ROOT);
      if (key.choices.contains(lower)) {
        return lower;
      }
      bad(key, v, "one of " + String.join(", ", key.choices), key.defaultValue);
    }
    return key.defaultValue;
  }

  /**
   * The known entries of a comma-separated list, lower case, once each, in order; an unknown entry is skipped with
   * one warning. Unset: the row's default list (empty when it has none).
   */
  public List<String> list(OtelKey key) {
    String v = raw(key);
    Set<String> out = new LinkedHashSet<>();
    for (String part : (v == null ? key.defaultValue : v).split(",")) {
      String entry = part.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (key.choices.isEmpty() || key.choices.contains(entry)) {
        out.add(entry);
      } else {
        config.warnOnce("config:" + key.name + ":" + entry, "config " + key.envName() + " entry "
            + entry + " is not one of " + String.join(", ", key.choices) + "; skipped");
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * {@code key=value,key=value}, values percent-decoded (the OpenTelemetry format of OTEL_RESOURCE_ATTRIBUTES and of
   * the OTLP headers). A bad entry is skipped and said once; {@code secret}: the entry's value is never logged.
   */
  public Map<String, String> pairs(OtelKey key, boolean secret) {
    return pairs(config, raw(key), key.envName(), secret);
  }

  static Map<String, String> pairs(VigilConfig config, String value, String variable, boolean secret) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      String name = eq > 0 ? pair.substring(0, eq).trim() : "";
      if (name.isEmpty()) {
        if (!pair.isBlank()) {
          config.warnOnce("config:" + variable + ":" + (secret ? "entry" : pair), "config "
              + variable + " entry " + (secret ? "" : pair + " ") + "is not key=value; skipped");
        }
        continue;
      }
      try {
        out.put(name, URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        config.warnOnce("config:" + variable + ":" + name, "config " + variable + " entry "
            + name + " is not percent-encoded; skipped");
      }
    }
    return out;
  }

  // Derived settings, read by more than one part of the agent.

  public boolean sdkDisabled() {
    return bool(OtelKeys.SDK_DISABLED);
  }

  /** The exporters named for a signal's key ({@code logging} read as {@code console}); empty when unset. */
  public Set<String> exporters(OtelKey key) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : list(key)) {
      out.add(name.equals("logging") ? "console" : name);
    }
    if (out.contains("none")) {
      if (out.size() > 1) {
        config.warnOnce("config:" + key.name + ":none", "config " + key.envName() + "="
            + raw(key) + " names none with other exporters; none wins");
      }
      out.clear();
      out.add("none");
    }
    return out;
  }

  /** Longest string attribute value of a signal's own limit, else the general one; Integer.MAX_VALUE: none set. */
  public int valueLengthLimit(OtelKey signalLimit, int unset) {
    int general = integer(OtelKeys.ATTRIBUTE_VALUE_LENGTH_LIMIT, unset);
    return integer(signalLimit, general);
  }

  /** Most attributes of a signal's own limit, else the general one (128). */
  public int countLimit(OtelKey signalLimit) {
    return integer(signalLimit, integer(OtelKeys.ATTRIBUTE_COUNT_LIMIT));
  }

  private void bad(OtelKey key, String value, String expected, String defaultValue) {
    config.warnOnce("config:" + key.name, "config " + key.envName() + "=" + value + " is not "
        + expected + "; using the default" + (defaultValue.isEmpty() ? "" : " " + defaultValue));
  }
}
