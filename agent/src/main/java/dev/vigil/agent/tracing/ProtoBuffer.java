package dev.vigil.agent.tracing;

import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.OutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A reusable buffer of protobuf wire format. A nested message is written in place: {@link #begin} reserves one
 * length byte, {@link #end} fills it, moving the content only when it is 128 bytes or longer. Strings are written as
 * UTF-8 straight from their chars, as {@link String#getBytes} would encode them (an unpaired surrogate as '?').
 */
final class ProtoBuffer implements MessageWriter {
  private byte[] buf;
  private int pos;

  ProtoBuffer(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  void reset() {
    pos = 0;
  }

  int size() {
    return pos;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  @Override
  public void writeMessage(OutputStream out) throws IOException {
    out.write(buf, 0, pos);
  }

  @Override
  public int getContentLength() {
    return pos;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  void tag(int field, int wireType) {
    varint((field << 3) | wireType);
  }

  void varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  void fixed64(int field, long v) {
    tag(field, 1);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  void fixed32(int field, int v) {
    tag(field, 5);
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  void uint64(int field, long v) {
    tag(field, 0);
    varint(v);
  }

  /** A span id: a bytes field of 8 bytes, big-endian. */
  void id(int field, long id) {
    tag(field, 2);
    varint(8);
    bigEndian(id);
  }

  /** A trace id: a bytes field of 16 bytes, big-endian. */
  void id(int field, long high, long low) {
    tag(field, 2);
    varint(16);
    bigEndian(high);
    bigEndian(low);
  }

  private void bigEndian(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  /** Bytes already in wire format (a pre-encoded field). */
  void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  void bytes(int field, byte[] bytes) {
    tag(field, 2);
    varint(bytes.length);
    raw(bytes);
  }

  /** A string field of at most {@code maxChars} chars of {@code s} (the rest is cut off). */
  void string(int field, String s, int maxChars) {
    tag(field, 2);
    int end = Math.min(s.length(), maxChars);
    varint(utf8Length(s, end));
    utf8(s, end);
  }

  /** A string field of {@code first + " " + second}. */
  void string(int field, String first, String second) {
    tag(field, 2);
    varint(utf8Length(first, first.length()) + 1 + utf8Length(second, second.length()));
    utf8(first, first.length());
    ensure(1);
    buf[pos++] = ' ';
    utf8(second, second.length());
  }

  /** Starts a nested message; returns the mark {@link #end} needs. */
  int begin(int field) {
    tag(field, 2);
    ensure(1);
    pos++;
    return pos;
  }

  void end(int mark) {
    int length = pos - mark;
    if (length < 0x80) {
      buf[mark - 1] = (byte) length;
      return;
    }
    int extra = varintSize(length) - 1;
    ensure(extra);
    System.arraycopy(buf, mark, buf, mark + extra, length);
    int end = pos + extra;
    pos = mark - 1;
    varint(length);
    pos = end;
  }

  private static int varintSize(int v) {
    int size = 1;
    while ((v & ~0x7F) != 0) {
      size++;
      v >>>= 7;
    }
    return size;
  }

  private static int utf8Length(String s, int end) {
    int n = 0;
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return n;
  }

  private void utf8(String s, int end) {
    ensure(3 * end);
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[p++] = (byte) (0xF0 | (cp >> 18));
        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        b[p++] = '?';
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    pos = p;
  }
}
