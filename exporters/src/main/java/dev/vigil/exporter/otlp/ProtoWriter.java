package dev.vigil.exporter.otlp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few protobuf wire-format writes OTLP metrics and the Prometheus protobuf exposition need: varints, fixed64/double,
 * strings and nested messages.
 */
public final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  /** This message with its length in front, as delimited streams of messages are written. */
  public void writeDelimited(java.io.OutputStream to) throws java.io.IOException {
    ProtoWriter length = new ProtoWriter();
    length.varint(out.size());
    length.out.writeTo(to);
    out.writeTo(to);
  }

  /** A packed repeated sint64 field (zigzag varints). */
  public void packedSint64(int field, long[] values) {
    ProtoWriter packed = new ProtoWriter();
    for (long v : values) {
      packed.varint((v << 1) ^ (v >> 63));
    }
    bytes(field, packed.toByteArray());
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private void fixed64Raw(long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
  }

  public void uint64(int field, long v) {
    tag(field, 0);
    varint(v);
  }

  /** A sint32 (zigzag varint): scale and offset of exponential histograms may be negative. */
  public void sint32(int field, int v) {
    tag(field, 0);
    varint(((v << 1) ^ (v >> 31)) & 0xFFFFFFFFL);
  }

  /** A packed repeated uint64 field. */
  public void packedUint64(int field, long[] values) {
    ProtoWriter packed = new ProtoWriter();
    for (long v : values) {
      packed.varint(v);
    }
    bytes(field, packed.toByteArray());
  }

  public void bool(int field, boolean v) {
    tag(field, 0);
    varint(v ? 1 : 0);
  }

  public void fixed64(int field, long v) {
    tag(field, 1);
    fixed64Raw(v);
  }

  public void doubleField(int field, double v) {
    tag(field, 1);
    fixed64Raw(Double.doubleToRawLongBits(v));
  }

  public void string(int field, String v) {
    bytes(field, v.getBytes(StandardCharsets.UTF_8));
  }

  public void bytes(int field, byte[] v) {
    tag(field, 2);
    varint(v.length);
    out.write(v, 0, v.length);
  }

  public void message(int field, ProtoWriter nested) {
    bytes(field, nested.toByteArray());
  }

  /** A packed repeated fixed64 field. */
  public void packedFixed64(int field, long[] values) {
    tag(field, 2);
    varint(8L * values.length);
    for (long v : values) {
      fixed64Raw(v);
    }
  }

  /** A packed repeated double field. */
  public void packedDouble(int field, double[] values) {
    tag(field, 2);
    varint(8L * values.length);
    for (double v : values) {
      fixed64Raw(Double.doubleToRawLongBits(v));
    }
  }
}
