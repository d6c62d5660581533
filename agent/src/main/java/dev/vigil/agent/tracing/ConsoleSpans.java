package dev.vigil.agent.tracing;

import java.io.PrintStream;

/**
 * OTEL_TRACES_EXPORTER=console: one line per ended span on standard output, written by the export thread (the SDK's
 * logging exporter needs the SDK's span data and java.util.logging, neither of which Vigil's spans use). For a person
 * reading a terminal, not a parser: name, kind, ids, duration, status and attributes.
 */
final class ConsoleSpans {
  private ConsoleSpans() {}

  static void print(VigilSpan[] spans, int count) {
    PrintStream out = System.out;
    StringBuilder line = new StringBuilder(256);
    for (int i = 0; i < count; i++) {
      line.setLength(0);
      render(spans[i], line);
      out.println(line);
    }
  }

  static void render(VigilSpan s, StringBuilder line) {
    line.append("[vigil] span '").append(s.name == null ? "" : s.name);
    if (s.nameSuffix != null) {
      line.append(' ').append(s.nameSuffix);
    }
    line.append("' ").append(s.kind).append(" trace_id=").append(s.getTraceId()).append(" span_id=")
        .append(s.getSpanId());
    if (s.parentSpanId != 0) {
      line.append(" parent_span_id=").append(SpanIds.hex(s.parentSpanId));
    }
    line.append(" duration_ms=").append((s.endNanos - s.startNanos) / 1_000_000.0).append(" status=")
        .append(s.status).append(" attributes={");
    int n = 0;
    for (int slot = 0; slot < s.texts.length; slot++) {
      if (s.texts[slot] != null) {
        attribute(line, n++, s.shape.textKey(slot), s.texts[slot]);
      }
    }
    for (int slot = 0; slot < SpanShape.MAX_NUMBERS; slot++) {
      if ((s.numbersSet & (1 << slot)) != 0) {
        attribute(line, n++, s.shape.numberKey(slot), slot == 0 ? s.number0 : s.number1);
      }
    }
    for (int k = 0; k < s.extraCount; k += 2) {
      attribute(line, n++, String.valueOf(s.extra[k]), s.extra[k + 1]);
    }
    line.append('}');
  }

  private static void attribute(StringBuilder line, int index, String key, Object value) {
    if (index > 0) {
      line.append(", ");
    }
    line.append(key).append('=').append(value);
  }
}
