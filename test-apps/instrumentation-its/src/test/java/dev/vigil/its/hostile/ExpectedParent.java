package dev.vigil.its.hostile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parent a SERVER span must have for a set of request headers, written from the formats' specifications (W3C Trace
 * Context level 1, B3, Jaeger) and Vigil's documented bound: a header value longer than 8192 characters is ignored.
 * With several propagators, the last one that finds a valid context wins (OTEL_PROPAGATORS order). Empty means a new
 * root span. Where the OpenTelemetry extractors accept more than the letter of a format, the leniency is named here.
 */
final class ExpectedParent {
  static final int MAX_HEADER_LENGTH = 8192;
  private static final Pattern HEX2 = Pattern.compile("[0-9a-f]{2}");
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern B3_TRACE_ID = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");
  private static final Pattern JAEGER_TRACE_ID = Pattern.compile("[0-9a-f]{1,32}");
  private static final Pattern JAEGER_SPAN_ID = Pattern.compile("[0-9a-f]{1,16}");
  /** Jaeger flags: one or two hex digits (leniency: any case, and a sign before a single digit). */
  private static final Pattern JAEGER_FLAGS = Pattern.compile("[+-]?[0-9a-fA-F]|[0-9a-fA-F]{2}");

  /** A remote parent: trace id, span id (both padded to full length), sampled flag. */
  static final class Parent {
    final String traceId;
    final String spanId;
    final boolean sampled;

    Parent(String traceId, String spanId, boolean sampled) {
      this.traceId = pad(traceId, 32);
      this.spanId = pad(spanId, 16);
      this.sampled = sampled;
    }

    @Override
    public String toString() {
      return traceId + "/" + spanId + (sampled ? " sampled" : " not sampled");
    }
  }

  private ExpectedParent() {}

  /** {@code headers} by lower-case name; {@code propagators} as in OTEL_PROPAGATORS. */
  static Optional<Parent> of(Map<String, String> headers, List<String> propagators) {
    Optional<Parent> found = Optional.empty();
    for (String propagator : propagators) {
      Optional<Parent> p;
      switch (propagator) {
        case "tracecontext": p = traceparent(get(headers, "traceparent")); break;
        case "b3": case "b3multi": p = b3(headers); break;
        case "jaeger": p = jaeger(get(headers, "uber-trace-id")); break;
        default: p = Optional.empty();
      }
      if (p.isPresent()) {
        found = p;
      }
    }
    return found;
  }

  /** W3C Trace Context level 1, section 3.2, including the rules for versions above 00. */
  static Optional<Parent> traceparent(String v) {
    if (v == null || v.length() < 55) {
      return Optional.empty();
    }
    String version = v.substring(0, 2);
    if (!HEX2.matcher(version).matches() || version.equals("ff") || version.equals("00") && v.length() != 55
        || v.length() > 55 && v.charAt(55) != '-') {
      return Optional.empty();
    }
    if (v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
      return Optional.empty();
    }
    String trace = v.substring(3, 35);
    String span = v.substring(36, 52);
    String flags = v.substring(53, 55);
    if (!validId(trace, TRACE_ID) || !validId(span, SPAN_ID) || !HEX2.matcher(flags).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Parent(trace, span, (Integer.parseInt(flags, 16) & 1) == 1));
  }

  /**
   * B3: the single header {@code b3: {trace}-{span}[-{sampling}[-{parent}]]} first, else the X-B3-* headers. Leniency:
   * the sampling and parent fields are not checked (anything else than "1", "true" or "d" means not sampled); X-B3-Flags
   * "1" or X-B3-Sampled "1" or "true" mean sampled.
   */
  static Optional<Parent> b3(Map<String, String> headers) {
    String single = get(headers, "b3");
    if (single != null && !single.isEmpty()) {
      String[] parts = single.split("-", -1);
      if (parts.length >= 2 && parts.length <= 4 && validId(pad(parts[0], 32), B3_TRACE_ID, parts[0])
          && validId(parts[1], SPAN_ID)) {
        String sampling = parts.length >= 3 ? parts[2] : null;
        return Optional.of(new Parent(parts[0], parts[1], "d".equals(sampling) || sampledWord(sampling)));
      }
    }
    String trace = get(headers, "x-b3-traceid");
    String span = get(headers, "x-b3-spanid");
    if (trace == null || span == null || !validId(pad(trace, 32), B3_TRACE_ID, trace) || !validId(span, SPAN_ID)) {
      return Optional.empty();
    }
    boolean sampled = "1".equals(get(headers, "x-b3-flags")) || sampledWord(get(headers, "x-b3-sampled"));
    return Optional.of(new Parent(trace, span, sampled));
  }

  /** Jaeger {@code uber-trace-id: {trace}:{span}:{parent}:{flags}}, URL-decoded when it has no colon. */
  static Optional<Parent> jaeger(String v) {
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    if (v.indexOf(':') < 0) {
      try {
        v = java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformedEscape) {
        return Optional.empty();
      }
    }
    String[] parts = v.split(":", -1);
    if (parts.length != 4 || !JAEGER_TRACE_ID.matcher(parts[0]).matches()
        || !JAEGER_SPAN_ID.matcher(parts[1]).matches() || !JAEGER_FLAGS.matcher(parts[3]).matches()) {
      return Optional.empty();
    }
    Parent p = new Parent(parts[0], parts[1], (Integer.parseInt(parts[3], 16) & 1) == 1);
    return isZero(p.traceId) || isZero(p.spanId) ? Optional.empty() : Optional.of(p);
  }

  private static boolean sampledWord(String s) {
    return "1".equals(s) || "true".equalsIgnoreCase(s);
  }

  private static String get(Map<String, String> headers, String name) {
    String v = headers.get(name);
    return v == null || v.length() > MAX_HEADER_LENGTH ? null : v;
  }

  private static boolean validId(String id, Pattern format) {
    return format.matcher(id).matches() && !isZero(id);
  }

  private static boolean validId(String padded, Pattern format, String raw) {
    return format.matcher(raw).matches() && !isZero(padded);
  }

  private static boolean isZero(String id) {
    return id.chars().allMatch(c -> c == '0');
  }

  private static String pad(String id, int length) {
    return id.length() >= length ? id : "0".repeat(length - id.length()) + id;
  }
}
