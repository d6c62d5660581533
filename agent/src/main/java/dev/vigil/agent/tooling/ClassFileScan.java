package dev.vigil.agent.tooling;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The raw-bytes half of the pre-filter: which method hints a class file satisfies, i.e. whether it declares a method
 * with one of a hint's names (and, when the hint says so, a descriptor starting with one of its prefixes). Walks the
 * constant pool once, noting the few UTF-8 entries equal to a name or starting with a prefix, skips the fields, and
 * reads each method's name and descriptor indexes. Reads the bytes in place: no parse, no class loaded, nothing
 * allocated. Runs inside every class load, so it is plain code (no lambdas, no string concatenation). A file it cannot
 * read satisfies every hint: the slow path then decides. A hint may also ask only for a UTF-8 constant in the pool (an
 * annotation's descriptor, for annotated methods anywhere).
 */
final class ClassFileScan {
  static final long ALL = -1L;
  private static final int MAX_MATCHED_ENTRIES = 64;

  private final byte[][] names;
  private final byte[][] prefixes;
  /** Per hint: the bits (names first, then prefixes) of its names, and of its descriptor prefixes (0: any). */
  private final long[] hintNames;
  private final long[] hintDescriptors;
  /** UTF-8 constants whose mere presence in the pool satisfies a hint, and per hint the bits of its constants. */
  private final byte[][] constants;
  private final long[] hintConstants;
  private final ThreadLocal<Matched> scratch = new ThreadLocal<>();

  /** {@code hintNames}/{@code hintDescriptors} index into {@code names} and {@code prefixes}, prefixes after names. */
  ClassFileScan(List<String> names, List<String> prefixes, long[] hintNames, long[] hintDescriptors) {
    this(names, prefixes, hintNames, hintDescriptors, List.of(), new long[hintNames.length]);
  }

  /** As above, plus constants: a hint with bits in {@code hintConstants} passes when the pool holds one of them. */
  ClassFileScan(List<String> names, List<String> prefixes, long[] hintNames, long[] hintDescriptors,
      List<String> constants, long[] hintConstants) {
    if (names.size() + prefixes.size() > 64 || hintNames.length > 64 || constants.size() > 64) {
      throw new IllegalArgumentException("at most 64 method names and descriptor prefixes, and 64 hints");
    }
    this.names = utf8(names);
    this.prefixes = utf8(prefixes);
    this.hintNames = hintNames.clone();
    this.hintDescriptors = hintDescriptors.clone();
    this.constants = utf8(constants);
    this.hintConstants = hintConstants.clone();
  }

  /** Bits of the hints (by their position) whose method the class file declares. */
  long scan(byte[] b) {
    Matched m = scratch.get();
    if (m == null) {
      m = new Matched();
      scratch.set(m);
    }
    m.size = 0;
    m.constants = 0;
    try {
      int p = constantPool(b, m);
      return p < 0 ? ALL : methods(b, p, m) | holding(m.constants);
    } catch (ArrayIndexOutOfBoundsException truncated) {
      return ALL;
    }
  }

  /** Notes the matching UTF-8 entries; returns the offset after the pool, or -1 when the file is not understood. */
  private int constantPool(byte[] b, Matched m) {
    if (b == null || b.length < 10 || (b[0] & 0xff) != 0xCA || (b[1] & 0xff) != 0xFE) {
      return -1;
    }
    int count = u2(b, 8);
    int p = 10;
    for (int i = 1; i < count; i++) {
      switch (b[p]) {
        case 1: // Utf8
          int len = u2(b, p + 1);
          long bits = match(b, p + 3, len);
          m.constants |= constant(b, p + 3, len);
          if (bits != 0 && !m.add(i, bits)) {
            return -1;
          }
          p += 3 + len;
          break;
        case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
          p += 3;
          break;
        case 15: // MethodHandle
          p += 4;
          break;
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: // 4-byte entries
          p += 5;
          break;
        case 5: case 6: // Long, Double: two slots
          p += 9;
          i++;
          break;
        default:
          return -1;
      }
    }
    return p;
  }

  private long methods(byte[] b, int p, Matched m) {
    if (m.size == 0) {
      return 0;
    }
    p += 6; // access flags, this class, super class
    p += 2 + 2 * u2(b, p); // interfaces
    int fields = u2(b, p);
    p += 2;
    for (int i = 0; i < fields; i++) {
      p = skipMember(b, p);
    }
    int methods = u2(b, p);
    p += 2;
    long passed = 0;
    for (int i = 0; i < methods; i++) {
      long name = m.bits(u2(b, p + 2));
      if (name != 0) {
        long descriptor = m.bits(u2(b, p + 4));
        for (int k = 0; k < hintNames.length; k++) {
          if ((name & hintNames[k]) != 0 && (hintDescriptors[k] == 0 || (descriptor & hintDescriptors[k]) != 0)) {
            passed |= 1L << k;
          }
        }
      }
      p = skipMember(b, p);
    }
    return passed;
  }

  /** Skips a field_info or method_info: 6 bytes, then its attributes. */
  private static int skipMember(byte[] b, int p) {
    int attributes = u2(b, p + 6);
    p += 8;
    for (int a = 0; a < attributes; a++) {
      p += 6 + u4(b, p + 2);
    }
    return p;
  }

  private long holding(long found) {
    long passed = 0;
    if (found != 0) {
      for (int k = 0; k < hintConstants.length; k++) {
        if ((found & hintConstants[k]) != 0) {
          passed |= 1L << k;
        }
      }
    }
    return passed;
  }

  private long constant(byte[] b, int at, int len) {
    long bits = 0;
    for (int k = 0; k < constants.length; k++) {
      if (len == constants[k].length && equalAt(b, at, constants[k])) {
        bits |= 1L << k;
      }
    }
    return bits;
  }

  private long match(byte[] b, int at, int len) {
    long bits = 0;
    for (int k = 0; k < names.length; k++) {
      if (len == names[k].length && equalAt(b, at, names[k])) {
        bits |= 1L << k;
      }
    }
    if (len > 0 && b[at] == '(') {
      for (int k = 0; k < prefixes.length; k++) {
        if (len >= prefixes[k].length && equalAt(b, at, prefixes[k])) {
          bits |= 1L << (names.length + k);
        }
      }
    }
    return bits;
  }

  private static boolean equalAt(byte[] b, int at, byte[] pattern) {
    for (int i = 0; i < pattern.length; i++) {
      if (b[at + i] != pattern[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u2(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static int u4(byte[] b, int at) {
    return (u2(b, at) << 16) | u2(b, at + 2);
  }

  private static byte[][] utf8(List<String> strings) {
    byte[][] bytes = new byte[strings.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }

  /** The constant-pool entries of the class being scanned that matched, reused by each scan on a thread. */
  private static final class Matched {
    final int[] index = new int[MAX_MATCHED_ENTRIES];
    final long[] bits = new long[MAX_MATCHED_ENTRIES];
    int size;
    /** Bits of the constants the pool holds. */
    long constants;

    boolean add(int cpIndex, long entryBits) {
      if (size == MAX_MATCHED_ENTRIES) {
        return false;
      }
      index[size] = cpIndex;
      bits[size++] = entryBits;
      return true;
    }

    long bits(int cpIndex) {
      for (int i = 0; i < size; i++) {
        if (index[i] == cpIndex) {
          return bits[i];
        }
      }
      return 0;
    }
  }
}
