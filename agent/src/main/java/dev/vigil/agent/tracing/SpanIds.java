package dev.vigil.agent.tracing;

import java.util.concurrent.ThreadLocalRandom;

/** Random trace and span ids as longs (never all zero), and their lower-case hex form for the W3C APIs. */
final class SpanIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private SpanIds() {}

  /** A random id that is never 0 (the invalid id). */
  static long random() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return id;
  }

  static String hex(long high, long low) {
    char[] chars = new char[32];
    write(high, chars, 0);
    write(low, chars, 16);
    return new String(chars);
  }

  static String hex(long id) {
    char[] chars = new char[16];
    write(id, chars, 0);
    return new String(chars);
  }

  private static void write(long v, char[] out, int at) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
  }

  /** The 16 hex digits of {@code hex} at {@code from} as a long; {@code hex} is a valid W3C id (already checked). */
  static long parse(String hex, int from) {
    long v = 0;
    for (int i = from; i < from + 16; i++) {
      v = (v << 4) | Character.digit(hex.charAt(i), 16);
    }
    return v;
  }
}
