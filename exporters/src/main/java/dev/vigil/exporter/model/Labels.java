package dev.vigil.exporter.model;

import java.util.Arrays;

/** Label names and values in a fixed order. A null value means the label is absent on this point. */
public final class Labels {
  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  /** The Prometheus rendering of the present labels, made on first use (racy but idempotent, like String.hash). */
  private String rendered;

  public Labels(String[] names, String[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException("names and values differ in length");
    }
    this.names = names;
    this.values = values;
  }

  public static Labels of(String... namesAndValues) {
    int n = namesAndValues.length / 2;
    String[] names = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = namesAndValues[2 * i];
      values[i] = namesAndValues[2 * i + 1];
    }
    return new Labels(names, values);
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** A copy with one more label at the end. */
  public Labels with(String name, String value) {
    String[] n = Arrays.copyOf(names, names.length + 1);
    String[] v = Arrays.copyOf(values, values.length + 1);
    n[names.length] = name;
    v[values.length] = value;
    return new Labels(n, v);
  }

  /**
   * The present labels as Prometheus writes them between braces, escaped: {@code a="x",b="y"} (empty when none).
   * Labels are immutable, so a series kept across scrapes renders them once.
   */
  public String rendered() {
    String r = rendered;
    if (r == null) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < names.length; i++) {
        if (values[i] != null) {
          appendLabel(b.length() == 0 ? b : b.append(','), names[i], values[i]);
        }
      }
      rendered = r = b.toString();
    }
    return r;
  }

  /** {@code name="value"} with backslash, double quote and newline escaped (text 0.0.4 and OpenMetrics agree). */
  public static StringBuilder appendLabel(StringBuilder b, String name, String value) {
    b.append(name).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\': b.append("\\\\"); break;
        case '"': b.append("\\\""); break;
        case '\n': b.append("\\n"); break;
        default: b.append(c);
      }
    }
    return b.append('"');
  }
}
