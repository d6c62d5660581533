package dev.vigil.shop.tools;

import java.util.HashMap;
import java.util.Map;

/** Tiny "--name value" argument parsing for the shop's command-line tools. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      values.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
    }
  }

  String get(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }
}
