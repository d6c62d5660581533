package dev.vigil.its.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough raw HTTP/2 (RFC 9113) for a test to play a misbehaving server: frame headers and payloads written by
 * hand, no library, so that any frame, size or order can be sent.
 */
final class Http2Frames {
  static final int DATA = 0;
  static final int HEADERS = 1;
  static final int SETTINGS = 4;
  static final int PING = 6;
  static final int CONTINUATION = 9;
  static final int END_STREAM = 0x1;
  static final int ACK = 0x1;
  static final int END_HEADERS = 0x4;
  static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** HPACK: {@code :status 200} (static table index 8) and {@code content-type: application/grpc}. */
  static final byte[] GRPC_RESPONSE_HEADERS = hpack();

  private Http2Frames() {}

  static void write(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
    writeHeader(out, payload.length, type, flags, stream);
    out.write(payload);
  }

  /** A frame header only: the length may claim more than follows. */
  static void writeHeader(OutputStream out, int length, int type, int flags, int stream) throws IOException {
    out.write(new byte[] {(byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type, (byte) flags,
        (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
  }

  /** One client frame: {type, flags, stream}; its payload is read and dropped. */
  static int[] read(DataInputStream in) throws IOException {
    int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
    int type = in.readUnsignedByte();
    int flags = in.readUnsignedByte();
    int stream = in.readInt() & 0x7fffffff;
    in.skipNBytes(length);
    return new int[] {type, flags, stream};
  }

  /** {@code n} HPACK literal fields with an empty name and an empty value: 3 bytes each, nothing to count. */
  static byte[] emptyFields(int n) {
    return new byte[n * 3]; // 0x00 literal without indexing, new name of length 0, value of length 0
  }

  /** An HPACK literal field {@code x-big: aaa...} of about {@code size} bytes. */
  static byte[] bigField(int size) {
    byte[] name = "x-big".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[2 + name.length + 4 + size];
    int i = 0;
    out[i++] = 0x00;
    out[i++] = (byte) name.length;
    System.arraycopy(name, 0, out, i, name.length);
    i += name.length;
    out[i++] = 0x7f; // value length: 7-bit prefix full, then the rest in base-128 groups
    int rest = size - 127;
    while (rest >= 128) {
      out[i++] = (byte) ((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    out[i++] = (byte) rest;
    java.util.Arrays.fill(out, i, out.length, (byte) 'a');
    return java.util.Arrays.copyOf(out, i + size);
  }

  private static byte[] hpack() {
    byte[] value = "application/grpc".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[3 + 1 + value.length];
    out[0] = (byte) 0x88; // indexed :status 200
    out[1] = 0x0f; // literal without indexing, name = static index 31 (content-type): 15 + 16
    out[2] = 0x10;
    out[3] = (byte) value.length;
    System.arraycopy(value, 0, out, 4, value.length);
    return out;
  }
}
