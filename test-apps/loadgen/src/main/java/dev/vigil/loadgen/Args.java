package dev.vigil.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options (repeatable) and bare flags ({@code --name} followed by another option or nothing). */
final class Args {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  Args(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String name = a.substring(2);
      String value = "true";
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      }
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  String get(String name, String fallback) {
    List<String> v = values.get(name);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  String require(String name) {
    String v = get(name, null);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  double number(String name, double fallback) {
    String v = get(name, null);
    return v == null ? fallback : Double.parseDouble(v);
  }

  /** Seconds: {@code 30}, {@code 30s}, {@code 500ms}, {@code 2m}. */
  double seconds(String name, double fallback) {
    String v = get(name, null);
    if (v == null) {
      return fallback;
    }
    if (v.endsWith("ms")) {
      return Double.parseDouble(v.substring(0, v.length() - 2)) / 1000;
    }
    if (v.endsWith("m")) {
      return Double.parseDouble(v.substring(0, v.length() - 1)) * 60;
    }
    return Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(get(name, "false"));
  }
}
