package dev.vigil.exporter.otlp.grpc;

import java.io.IOException;

/** One HTTP/2 frame as read (RFC 9113 section 4): type, flags, stream and payload. */
final class Http2Frame {
  final int type;
  final int flags;
  final int stream;
  final byte[] payload;

  Http2Frame(int type, int flags, int stream, byte[] payload) {
    this.type = type;
    this.flags = flags;
    this.stream = stream;
    this.payload = payload;
  }

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** The payload without padding (and without the priority fields of HEADERS): {offset, length}. */
  int[] content() throws IOException {
    int offset = 0;
    int length = payload.length;
    if (has(Http2Connection.PADDED) && (type == Http2Connection.DATA || type == Http2Connection.HEADERS)) {
      int pad = length > 0 ? payload[0] & 0xff : length;
      offset = 1;
      length -= 1 + pad;
    }
    if (type == Http2Connection.HEADERS && has(Http2Connection.PRIORITY)) {
      offset += 5;
      length -= 5;
    }
    if (length < 0) {
      throw new IOException("HTTP/2 frame padding longer than the frame");
    }
    return new int[] {offset, length};
  }

  static int int32(byte[] p, int i) {
    return ((p[i] & 0xff) << 24) | ((p[i + 1] & 0xff) << 16) | ((p[i + 2] & 0xff) << 8) | (p[i + 3] & 0xff);
  }

  static int int31(byte[] p, int i) {
    return int32(p, i) & 0x7fffffff;
  }
}
