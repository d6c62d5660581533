package dev.vigil.its.hostile;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of propagation headers as a hostile or broken caller sends them: valid, almost valid (one character
 * changed, dropped or added; zero ids; forbidden versions; upper case), random, overlong (around and far past the 8192
 * character bound) and many-entry. Values are what an HTTP client can send: Latin-1 without control characters and
 * without surrounding whitespace (an HTTP parser strips that before any agent sees it).
 */
final class PropagationHeaders {
  private static final List<Character> HEX = chars("0123456789abcdef");
  /** Characters a mutation puts in: near misses of the formats' own alphabets. */
  private static final List<Character> NEAR = chars("0123456789abcdefABCDEFgxz-_:;,.= \t%+");

  private PropagationHeaders() {}

  /** traceparent, tracestate and baggage; each may be absent. */
  static Gen<Map<String, String>> w3c() {
    return traceparent().zip(tracestate(), baggage(), (tp, ts, bg) -> headers("traceparent", tp, "tracestate", ts,
        "baggage", bg));
  }

  /** The W3C headers plus B3 (single and multi) and Jaeger ones, for OTEL_PROPAGATORS naming b3 and jaeger. */
  static Gen<Map<String, String>> withB3AndJaeger() {
    Gen<String> b3TraceId = hex(16, 16).mix(hex(32, 32)).mix(hex(1, 40), 20);
    Gen<Map<String, String>> b3Multi = sometimes(mutated(b3TraceId)).zip(sometimes(hex(16, 16).mix(hex(1, 20), 20)),
        sometimes(pick("1", "0", "true", "TRUE", "d", "")), sometimes(pick("1", "0", "x")),
        (t, s, sampled, flags) -> headers("X-B3-TraceId", t, "X-B3-SpanId", s, "X-B3-Sampled", sampled,
            "X-B3-Flags", flags));
    Gen<String> b3Single = b3TraceId.zip(hex(16, 16), pick("", "-1", "-0", "-d", "-true", "-x", "-1-", "-1-0a"),
        (t, s, tail) -> t + "-" + s + tail);
    Gen<String> jaeger = hex(1, 32).zip(hex(1, 16), pick(":0:1", ":0:0", ":0:01", ":1:+1", "::3", ":0:a", ":0:"),
        (t, s, tail) -> t + ":" + s + tail);
    Gen<String> jaegerEncoded = jaeger.map(j -> j.replace(":", "%3A"))
        .mix(Generate.constant("%zz").mix(junk(0, 40)), 30);
    return w3c().zip(sometimes(mutated(b3Single)), b3Multi, sometimes(mutated(jaeger.mix(jaegerEncoded, 30))),
        (w3c, b3, multi, uber) -> {
          Map<String, String> all = new LinkedHashMap<>(w3c);
          all.putAll(headers("b3", b3, "uber-trace-id", uber));
          all.putAll(multi);
          return all;
        });
  }

  static Gen<String> traceparent() {
    Gen<String> valid = pick("00").mix(hex(2, 2), 30).zip(hex(32, 32), hex(16, 16), hex(2, 2),
        (version, trace, span, flags) -> version + "-" + trace + "-" + span + "-" + flags);
    Gen<String> future = valid.zip(junk(0, 40), (v, tail) -> "cc" + v.substring(2) + "-" + tail);
    Gen<String> overlong = valid.zip(integers().between(8_100, 20_000), (v, n) -> "cc" + v.substring(2) + "-"
        + "x".repeat(n - 56));
    Gen<String> zeroIds = valid.zip(Generate.booleans(), (v, zeroTrace) -> zeroTrace
        ? v.substring(0, 3) + "0".repeat(32) + v.substring(35) : v.substring(0, 36) + "0".repeat(16) + v.substring(52));
    Gen<String> wrongCase = valid.map(v -> v.replace('a', 'A').replace('f', 'F'));
    return sometimes(Generate.frequency(List.of(Pair.of(30, valid), Pair.of(25, mutated(valid)), Pair.of(8, future),
        Pair.of(8, overlong), Pair.of(5, zeroIds), Pair.of(5, wrongCase), Pair.of(5, pick("ff" + "-0".repeat(27))),
        Pair.of(14, junk(0, 80)))));
  }

  static Gen<String> tracestate() {
    Gen<String> member = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12)
        .zip(junk(0, 16), pick("=", "@", ""), (k, v, sep) -> k + sep + v);
    Gen<String> list = lists().of(member).ofSizeBetween(0, 100).map(m -> String.join(",", m));
    return sometimes(list.mix(junk(0, 600), 30).mix(junk(8_000, 9_000), 10));
  }

  static Gen<String> baggage() {
    Gen<String> entry = junk(1, 8).zip(junk(0, 12), pick("", ";prop", ";p=1", "="), (k, v, p) -> k + "=" + v + p);
    Gen<String> few = lists().of(entry).ofSizeBetween(0, 20).map(e -> String.join(",", e));
    Gen<String> many = lists().of(entry).ofSizeBetween(64, 2_000).map(e -> String.join(",", e));
    return sometimes(few.mix(many, 5).mix(junk(0, 300), 30));
  }

  /** One character replaced, removed or inserted at a random place. */
  static Gen<String> mutated(Gen<String> source) {
    return source.zip(integers().between(0, 2), integers().between(0, 10_000), pick(NEAR), (s, kind, at, c) -> {
      int i = s.isEmpty() ? 0 : at % s.length();
      switch (kind) {
        case 0: return s.isEmpty() ? s : (s.substring(0, i) + c + s.substring(i + 1)).strip();
        case 1: return s.isEmpty() ? s : (s.substring(0, i) + s.substring(i + 1)).strip();
        default: return (s.substring(0, i) + c + s.substring(i)).strip();
      }
    });
  }

  /** Printable Latin-1 with tabs and spaces inside, trimmed. */
  static Gen<String> junk(int min, int max) {
    return strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(min, max)
        .mix(strings().betweenCodePoints(0x09, 0xff).ofLengthBetween(min, max)
            .map(s -> s.chars().filter(c -> c == '\t' || c >= 0x20 && c != 0x7f).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString()), 30)
        .map(String::strip);
  }

  static Gen<String> hex(int minLength, int maxLength) {
    return lists().of(Generate.pick(HEX)).ofSizeBetween(minLength, maxLength)
        .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
  }

  /** Absent (null) one time in five. */
  static Gen<String> sometimes(Gen<String> g) {
    return g.mix(Generate.constant((String) null), 20);
  }

  private static Gen<String> pick(String... values) {
    return Generate.pick(List.of(values));
  }

  private static <T> Gen<T> pick(List<T> values) {
    return Generate.pick(values);
  }

  private static Map<String, String> headers(String... namesAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        m.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return m;
  }

  private static List<Character> chars(String s) {
    return s.chars().mapToObj(c -> (char) c).collect(Collectors.toList());
  }
}
