package dev.vigil.agent.recording;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A command's key as span text (only when key capture is configured): UTF-8, cut at {@link #MAX_LENGTH} chars. */
final class RedisKeys {
  static final int MAX_LENGTH = 128;

  private RedisKeys() {}

  static String text(Object key) {
    String text;
    if (key instanceof byte[]) {
      text = new String((byte[]) key, StandardCharsets.UTF_8);
    } else if (key instanceof ByteBuffer) {
      ByteBuffer b = ((ByteBuffer) key).duplicate();
      byte[] bytes = new byte[Math.min(b.remaining(), MAX_LENGTH * 4)];
      b.get(bytes);
      text = new String(bytes, StandardCharsets.UTF_8);
    } else {
      text = String.valueOf(key);
    }
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
  }
}
