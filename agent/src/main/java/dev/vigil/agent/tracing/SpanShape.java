package dev.vigil.agent.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The known attributes of one category of span (HTTP server, HTTP client, database...), each with a fixed slot: a
 * recorder declares its shape once in static fields and then writes a value into a slot by index, with no key and no
 * map on the request path. At most {@link #MAX_NUMBERS} numeric slots (server.port and a status code so far).
 */
public final class SpanShape {
  static final int MAX_NUMBERS = 2;

  private final List<String> texts = new ArrayList<>();
  private final List<String> numbers = new ArrayList<>();
  private volatile byte[][] encodedKeys;

  /** Adds a string attribute; returns its slot for {@link VigilSpan#setText}. Call from a static initializer. */
  public int text(String key) {
    texts.add(key);
    encodedKeys = null;
    return texts.size() - 1;
  }

  /** Adds an integer attribute; returns its slot for {@link VigilSpan#setNumber}. */
  public int number(String key) {
    if (numbers.size() == MAX_NUMBERS) {
      throw new IllegalStateException("a span shape holds at most " + MAX_NUMBERS + " numeric attributes");
    }
    numbers.add(key);
    encodedKeys = null;
    return numbers.size() - 1;
  }

  int texts() {
    return texts.size();
  }

  String textKey(int slot) {
    return texts.get(slot);
  }

  String numberKey(int slot) {
    return numbers.get(slot);
  }

  /** The slot of a string attribute named {@code key}, or -1. */
  int textSlot(String key) {
    return texts.indexOf(key);
  }

  /** The slot of an integer attribute named {@code key}, or -1. */
  int numberSlot(String key) {
    return numbers.indexOf(key);
  }

  /** UTF-8 of each key, text slots first, then numbers: encoded once for the export thread. */
  byte[][] encodedKeys() {
    byte[][] keys = encodedKeys;
    if (keys == null) {
      keys = new byte[texts.size() + numbers.size()][];
      for (int i = 0; i < keys.length; i++) {
        String key = i < texts.size() ? texts.get(i) : numbers.get(i - texts.size());
        keys[i] = key.getBytes(StandardCharsets.UTF_8);
      }
      encodedKeys = keys;
    }
    return keys;
  }
}
