package dev.vigil.agent.otelapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The series of one application instrument, by attribute set (label names sanitized and sorted). Bounded: past
 * {@link #MAX_SERIES} sets, a new set records into the set of the same label names whose every value is
 * {@code _other}, and past a few of those into one {@code otel_metric_overflow="true"} series; each folded
 * measurement is counted.
 */
final class AppSeries<V> {
  static final int MAX_SERIES = 500;
  private static final int MAX_FOLDED_SETS = 10;
  private static final String OTHER = "_other";
  private static final List<String> OVERFLOW = List.of("otel_metric_overflow", "true");

  private final Map<List<String>, V> series = new ConcurrentHashMap<>();
  private final Supplier<V> make;
  private final LongAdder folded = new LongAdder();

  AppSeries(Supplier<V> make) {
    this.make = make;
  }

  /** The series of {@code attributes} (key, value, ...; may be null), made on first use or folded past the cap. */
  V get(Object[] attributes) {
    List<String> key = key(attributes);
    V v = series.get(key);
    if (v != null) {
      return v;
    }
    if (series.size() >= MAX_SERIES) {
      folded.increment();
      key = other(key);
      v = series.get(key);
      if (v != null) {
        return v;
      }
      if (series.size() >= MAX_SERIES + MAX_FOLDED_SETS) {
        key = OVERFLOW;
      }
    }
    return series.computeIfAbsent(key, k -> make.get());
  }

  void forEach(BiConsumer<List<String>, V> action) {
    series.forEach(action);
  }

  long folded() {
    return folded.sum();
  }

  static String sanitize(String s) {
    StringBuilder b = new StringBuilder(s.length() + 1);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == '_' || ch >= '0' && ch <= '9' && i > 0;
      b.append(ok ? ch : '_');
    }
    return b.toString();
  }

  private static List<String> key(Object[] attributes) {
    if (attributes == null || attributes.length < 2) {
      return List.of();
    }
    String[][] pairs = new String[attributes.length / 2][];
    int n = 0;
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i] != null && attributes[i + 1] != null) {
        pairs[n++] = new String[] {sanitize(attributes[i].toString()), String.valueOf(attributes[i + 1])};
      }
    }
    String[][] used = Arrays.copyOf(pairs, n);
    Arrays.sort(used, (a, b) -> a[0].compareTo(b[0]));
    List<String> key = new ArrayList<>(2 * n);
    for (String[] p : used) {
      key.add(p[0]);
      key.add(p[1]);
    }
    return key;
  }

  private static List<String> other(List<String> key) {
    List<String> folded = new ArrayList<>(key.size());
    for (int i = 0; i < key.size(); i += 2) {
      folded.add(key.get(i));
      folded.add(OTHER);
    }
    return folded;
  }
}
