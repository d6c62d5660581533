package dev.vigil.its;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated malformed traceparent / tracestate / baggage triples: none of them is a valid parent. */
final class MalformedHeaders {
  private static final String HEX = "0123456789abcdef";
  private static final String JUNK = "-_=;,.%zZ!~ \t0123456789abcdefXYZ";

  private MalformedHeaders() {}

  static List<String[]> generate(int n, long seed) {
    Random r = new Random(seed);
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new String[] {traceparent(r, i), junk(r, r.nextInt(600)), baggage(r)});
    }
    return out;
  }

  private static String traceparent(Random r, int i) {
    String trace = hex(r, 32);
    String span = hex(r, 16);
    switch (i % 10) {
      case 0: return "00-" + "0".repeat(32) + "-" + span + "-01"; // all-zero trace id
      case 1: return "00-" + trace + "-" + "0".repeat(16) + "-01"; // all-zero span id
      case 2: return "ff-" + trace + "-" + span + "-01"; // forbidden version
      case 3: return "00-" + trace.substring(1) + "-" + span + "-01"; // short trace id
      case 4: return "00-" + trace.toUpperCase().replace('A', 'G') + "G-" + span + "-01"; // not hex
      case 5: return "00-" + trace + "-" + span + "-1"; // short flags
      case 6: return "00_" + trace + "_" + span + "_01"; // wrong separators
      case 7: return junk(r, 1 + r.nextInt(200));
      case 8: return "00-" + trace + "-" + span + "-01-" + junk(r, 20000); // oversized
      default: return "";
    }
  }

  private static String baggage(Random r) {
    StringBuilder b = new StringBuilder();
    int entries = r.nextInt(3) == 0 ? 2000 : r.nextInt(20);
    for (int e = 0; e < entries; e++) {
      b.append(e > 0 ? "," : "").append(junk(r, 1 + r.nextInt(8))).append(r.nextBoolean() ? "=" : "")
          .append(junk(r, r.nextInt(12))).append(r.nextInt(5) == 0 ? ";prop" : "");
    }
    return b.toString().strip();
  }

  private static String hex(Random r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(HEX.charAt(r.nextInt(16)));
    }
    return b.toString();
  }

  private static String junk(Random r, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(JUNK.charAt(r.nextInt(JUNK.length())));
    }
    return b.toString().strip();
  }
}
