package dev.vigil.agent.logs;

import dev.vigil.agent.otlp.OtlpChannel;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * OTEL_LOGS_EXPORTER=console: one line per application log record on standard output (time, level, logger, trace
 * context, message), then the OTLP export when both are named. The SDK's logging exporter would write through
 * java.util.logging, which the agent leaves alone.
 */
final class ConsoleLogs implements LogQueue.BatchExporter {
  /** The OTLP export, or null for the console only. */
  private final LogQueue.BatchExporter next;

  ConsoleLogs(LogQueue.BatchExporter next) {
    this.next = next;
  }

  @Override
  public OtlpChannel.Outcome export(List<LogEntry> batch) {
    PrintStream out = System.out;
    StringBuilder line = new StringBuilder(160);
    for (LogEntry e : batch) {
      line.setLength(0);
      render(e, line);
      out.println(line);
    }
    return next == null ? OtlpChannel.Outcome.SENT : next.export(batch);
  }

  static void render(LogEntry e, StringBuilder line) {
    line.append("[vigil] log ").append(Instant.ofEpochMilli(e.epochMillis)).append(' ').append(e.level).append(' ')
        .append(e.logger);
    if (e.span != null && e.span.isValid()) {
      line.append(" trace_id=").append(e.span.getTraceId()).append(" span_id=").append(e.span.getSpanId());
    }
    line.append(" - ").append(e.message == null ? "" : e.message.replace("\n", "\\n")); // one line per record
    if (e.thrown != null) {
      line.append(" [").append(e.thrown.getClass().getName()).append(']');
    }
  }

  @Override
  public void shutdown(long timeoutMillis) {
    if (next != null) {
      next.shutdown(timeoutMillis);
    }
  }
}
