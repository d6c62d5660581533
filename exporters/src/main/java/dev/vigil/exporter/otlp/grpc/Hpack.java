package dev.vigil.exporter.otlp.grpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * HPACK (RFC 7541) for one HTTP/2 connection: {@link #encode} writes request headers as literals that are never
 * indexed (no state to keep in step with the server), {@link #decode} reads the server's header blocks with the static
 * and dynamic tables and Huffman strings. One decoder per connection: its dynamic table is connection state.
 */
final class Hpack {
  private static final String[] STATIC = {
      ":authority", "", ":method", "GET", ":method", "POST", ":path", "/", ":path", "/index.html", ":scheme", "http",
      ":scheme", "https", ":status", "200", ":status", "204", ":status", "206", ":status", "304", ":status", "400",
      ":status", "404", ":status", "500", "accept-charset", "", "accept-encoding", "gzip, deflate", "accept-language", "",
      "accept-ranges", "", "accept", "", "access-control-allow-origin", "", "age", "", "allow", "", "authorization", "",
      "cache-control", "", "content-disposition", "", "content-encoding", "", "content-language", "", "content-length",
      "", "content-location", "", "content-range", "", "content-type", "", "cookie", "", "date", "", "etag", "",
      "expect", "", "expires", "", "from", "", "host", "", "if-match", "", "if-modified-since", "", "if-none-match", "",
      "if-range", "", "if-unmodified-since", "", "last-modified", "", "link", "", "location", "", "max-forwards", "",
      "proxy-authenticate", "", "proxy-authorization", "", "range", "", "referer", "", "refresh", "", "retry-after", "",
      "server", "", "set-cookie", "", "strict-transport-security", "", "transfer-encoding", "", "user-agent", "",
      "vary", "", "via", "", "www-authenticate", ""};
  static final int STATIC_SIZE = STATIC.length / 2;
  /** The table size this side allows the server (SETTINGS_HEADER_TABLE_SIZE default). */
  static final int MAX_TABLE_SIZE = 4096;

  /** Newest first, as HPACK numbers them. */
  private final ArrayDeque<String[]> dynamic = new ArrayDeque<>();
  private int tableSize;
  private int maxTableSize;

  Hpack() {
    this(MAX_TABLE_SIZE);
  }

  /** A decoder whose dynamic table holds at most {@code maxTableSize} octets (RFC 7541 4.1). */
  Hpack(int maxTableSize) {
    this.maxTableSize = maxTableSize;
  }

  /** Name, value, name, value... as literal header fields never indexed, names lower-case as HTTP/2 requires. */
  static void encode(List<String> headers, ByteArrayOutputStream out) {
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      out.write(0x10); // literal header field never indexed, new name
      writeString(headers.get(i), out);
      writeString(headers.get(i + 1), out);
    }
  }

  /** The header fields of one complete header block, as name, value, name, value... */
  List<String> decode(byte[] block, int length) {
    List<String> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < length) {
      int b = block[pos[0]] & 0xff;
      if ((b & 0x80) != 0) { // indexed field
        String[] field = field(readInt(block, length, pos, 7));
        out.add(field[0]);
        out.add(field[1]);
      } else if ((b & 0x40) != 0) { // literal, added to the table
        String[] field = literal(block, length, pos, 6);
        add(field);
        out.add(field[0]);
        out.add(field[1]);
      } else if ((b & 0x20) != 0) { // dynamic table size update
        int size = readInt(block, length, pos, 5);
        if (size > MAX_TABLE_SIZE) {
          throw new IllegalArgumentException("HPACK table size " + size + " above " + MAX_TABLE_SIZE);
        }
        maxTableSize = size;
        evict();
      } else { // literal without indexing (0000) or never indexed (0001)
        String[] field = literal(block, length, pos, 4);
        out.add(field[0]);
        out.add(field[1]);
      }
    }
    return out;
  }

  private String[] literal(byte[] block, int length, int[] pos, int prefix) {
    int index = readInt(block, length, pos, prefix);
    String name = index == 0 ? readString(block, length, pos) : field(index)[0];
    return new String[] {name, readString(block, length, pos)};
  }

  private String[] field(int index) {
    if (index >= 1 && index <= STATIC_SIZE) {
      return new String[] {STATIC[2 * index - 2], STATIC[2 * index - 1]};
    }
    int i = index - STATIC_SIZE - 1;
    if (index < 1 || i >= dynamic.size()) {
      throw new IllegalArgumentException("HPACK index " + index + " out of range");
    }
    Iterator<String[]> it = dynamic.iterator();
    for (int k = 0; k < i; k++) {
      it.next();
    }
    return it.next();
  }

  private void add(String[] field) {
    dynamic.addFirst(field);
    tableSize += size(field);
    evict();
  }

  private void evict() {
    while (tableSize > maxTableSize && !dynamic.isEmpty()) {
      tableSize -= size(dynamic.removeLast());
    }
  }

  /** RFC 7541 4.1: octets of name and value plus 32. */
  private static int size(String[] field) {
    return field[0].getBytes(StandardCharsets.UTF_8).length + field[1].getBytes(StandardCharsets.UTF_8).length + 32;
  }

  static int readInt(byte[] block, int length, int[] pos, int prefix) {
    int max = (1 << prefix) - 1;
    int value = block[pos[0]++] & max;
    if (value < max) {
      return value;
    }
    for (int shift = 0; shift <= 21; shift += 7) {
      if (pos[0] >= length) {
        throw new IllegalArgumentException("HPACK integer cut short");
      }
      int b = block[pos[0]++] & 0xff;
      value += (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("HPACK integer too large");
  }

  private static String readString(byte[] block, int length, int[] pos) {
    if (pos[0] >= length) {
      throw new IllegalArgumentException("HPACK string missing");
    }
    boolean huffman = (block[pos[0]] & 0x80) != 0;
    int len = readInt(block, length, pos, 7);
    if (len < 0 || pos[0] + len > length) {
      throw new IllegalArgumentException("HPACK string longer than its block");
    }
    byte[] bytes = huffman ? Huffman.decode(block, pos[0], len) : java.util.Arrays.copyOfRange(block, pos[0],
        pos[0] + len);
    pos[0] += len;
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static void writeInt(int value, int prefix, int firstBits, ByteArrayOutputStream out) {
    int max = (1 << prefix) - 1;
    if (value < max) {
      out.write(firstBits | value);
      return;
    }
    out.write(firstBits | max);
    int rest = value - max;
    while (rest >= 0x80) {
      out.write((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    out.write(rest);
  }

  private static void writeString(String s, ByteArrayOutputStream out) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeInt(bytes.length, 7, 0, out);
    out.write(bytes, 0, bytes.length);
  }
}
