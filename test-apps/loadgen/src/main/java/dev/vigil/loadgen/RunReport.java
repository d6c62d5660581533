package dev.vigil.loadgen;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/** One load run's figures, as text for people and JSON (Jackson streaming) for the bench report and the gate. */
final class RunReport {
  private final String mode;
  private final double rate;
  private final int connections;
  private final double warmupSeconds;
  private final double durationSeconds;
  private final LatencyStats.Summary total;
  private final List<LatencyStats.Summary> targets;
  private final long cpuMicros;

  RunReport(String mode, double rate, int connections, double warmupSeconds, double durationSeconds,
      LatencyStats.Summary total, List<LatencyStats.Summary> targets, long cpuMicros) {
    this.mode = mode;
    this.rate = rate;
    this.connections = connections;
    this.warmupSeconds = warmupSeconds;
    this.durationSeconds = durationSeconds;
    this.total = total;
    this.targets = targets;
    this.cpuMicros = cpuMicros;
  }

  /** App CPU per measured request in microseconds, or NaN without a pid. */
  double cpuMicrosPerRequest() {
    return cpuMicros < 0 || total.completed == 0 ? Double.NaN : (double) cpuMicros / total.completed;
  }

  void printText(PrintStream out) {
    LoadRun.printf(out, "%s model, %s, %d connections, %.0fs warm-up (excluded), %.0fs measured", mode,
        mode.equals("open") ? String.format("%.1f req/s intended", rate) : "as fast as possible", connections,
        warmupSeconds, durationSeconds);
    LoadRun.printf(out, "%-22s %9s %10s %7s %6s %8s %8s %8s %8s %8s %8s %6s", "target", "requests", "req/s",
        "errors", "late", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "mean ms", "apdex");
    for (LatencyStats.Summary s : targets) {
      line(out, s);
    }
    if (targets.size() > 1) {
      line(out, total);
    }
    if (cpuMicros >= 0) {
      LoadRun.printf(out, "app CPU: %.1f ms over the measured window, %.1f us per request", cpuMicros / 1000.0,
          cpuMicrosPerRequest());
    }
  }

  private static void line(PrintStream out, LatencyStats.Summary s) {
    LoadRun.printf(out, "%-22s %9d %10.1f %7d %6d %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %6.3f", s.name, s.completed,
        s.throughput, s.errors, s.late, s.p50Ms, s.p90Ms, s.p99Ms, s.p999Ms, s.maxMs, s.meanMs, s.apdex);
  }

  void writeJson(OutputStream out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("mode", mode);
      if (mode.equals("open")) {
        g.writeNumberField("rate", rate);
      }
      g.writeNumberField("connections", connections);
      g.writeNumberField("warmupSeconds", warmupSeconds);
      g.writeNumberField("durationSeconds", durationSeconds);
      g.writeFieldName("total");
      summary(g, total);
      g.writeArrayFieldStart("targets");
      for (LatencyStats.Summary s : targets) {
        summary(g, s);
      }
      g.writeEndArray();
      if (cpuMicros >= 0) {
        g.writeObjectFieldStart("cpu");
        g.writeNumberField("micros", cpuMicros);
        number(g, "microsPerRequest", cpuMicrosPerRequest());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
  }

  private static void summary(JsonGenerator g, LatencyStats.Summary s) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.name);
    g.writeNumberField("sent", s.sent);
    g.writeNumberField("completed", s.completed);
    g.writeNumberField("errors", s.errors);
    g.writeNumberField("late", s.late);
    g.writeNumberField("seconds", s.seconds);
    number(g, "throughput", s.throughput);
    number(g, "errorPercent", s.errorPercent);
    g.writeObjectFieldStart("latencyMs");
    number(g, "mean", s.meanMs);
    number(g, "p50", s.p50Ms);
    number(g, "p90", s.p90Ms);
    number(g, "p95", s.p95Ms);
    number(g, "p99", s.p99Ms);
    number(g, "p99.9", s.p999Ms);
    number(g, "max", s.maxMs);
    g.writeEndObject();
    g.writeObjectFieldStart("apdex");
    number(g, "tMs", s.apdexT);
    number(g, "score", s.apdex);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** JSON has no NaN: an unmeasured figure is null. */
  static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, v);
    }
  }
}
