package dev.vigil.agent.otlp;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.OtlpChannel.Outcome;
import java.io.InterruptedIOException;

/** How a channel tells a timeout from a failure, and says why an export failed (rate-limited, no stack trace). */
final class ExportFailures {
  private ExportFailures() {}

  /** A timeout when the transport said so or the export's time ran out; any other failure is FAILED. */
  static Outcome outcome(Throwable failure, long startNanos, long timeoutMillis) {
    boolean late = System.nanoTime() - startNanos >= timeoutMillis * 1_000_000L;
    return failure instanceof InterruptedIOException || late ? Outcome.TIMEOUT : Outcome.FAILED;
  }

  static void log(OtlpSettings settings, Outcome outcome, String why) {
    String metric = settings.signal == OtlpSignal.TRACES ? "spans" : settings.signal.key;
    AgentLog.every(AgentLog.Level.WARN, "otlp-export-" + settings.signal.key, "exporting " + settings.signal.items
        + (outcome == Outcome.TIMEOUT ? " timed out after " + settings.timeoutMillis + " ms" : " failed") + " ("
        + settings.url + ": " + why + "); what is dropped is counted in vigil_exporter_" + metric + "_dropped_total",
        null);
  }

  /** The message, or the type's simple name: never a stack trace (a peer's text may be long). */
  static String describe(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isEmpty()) {
      return t.getClass().getSimpleName();
    }
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }
}
