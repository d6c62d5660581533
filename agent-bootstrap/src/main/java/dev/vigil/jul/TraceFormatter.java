package dev.vigil.jul;

import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.IllegalFormatException;
import java.util.logging.Formatter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * A java.util.logging formatter that prints the current span's trace id, span id and trace flags. Name it in
 * logging.properties, e.g. {@code java.util.logging.ConsoleHandler.formatter = dev.vigil.jul.TraceFormatter}; it lives
 * on the bootstrap class path with the agent's bridge, so the system class loader finds it. Its format
 * ({@code dev.vigil.jul.TraceFormatter.format}) takes SimpleFormatter's arguments (1 time, 2 source, 3 logger, 4 level,
 * 5 message, 6 thrown) plus 7 trace id, 8 span id, 9 trace flags, empty outside a span. Formatting happens on the
 * logging thread, so the ids are those of the span current where the record was written (for synchronous handlers).
 */
public class TraceFormatter extends Formatter {
  static final String DEFAULT_FORMAT =
      "%1$tF %1$tT.%1$tL %4$s %3$s trace_id=%7$s span_id=%8$s trace_flags=%9$s - %5$s%6$s%n";
  private final String format;

  public TraceFormatter() {
    this(LogManager.getLogManager().getProperty(TraceFormatter.class.getName() + ".format"));
  }

  TraceFormatter(String configured) {
    this.format = checked(configured);
  }

  private static String checked(String configured) {
    if (configured == null || configured.isEmpty()) {
      return DEFAULT_FORMAT;
    }
    try {
      String.format(configured, ZonedDateTime.now(), "", "", "", "", "", "", "", "");
      return configured;
    } catch (IllegalFormatException e) {
      System.err.println("[vigil] WARN config dev.vigil.jul.TraceFormatter.format=" + configured + " is not a valid"
          + " format (" + e + "); using the default " + DEFAULT_FORMAT.trim());
      return DEFAULT_FORMAT;
    }
  }

  @Override
  public String format(LogRecord record) {
    String[] ids = currentIds();
    ZonedDateTime time = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
    String source = record.getSourceClassName() == null ? record.getLoggerName()
        : record.getSourceMethodName() == null ? record.getSourceClassName()
        : record.getSourceClassName() + " " + record.getSourceMethodName();
    String thrown = "";
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      PrintWriter out = new PrintWriter(trace);
      out.println();
      record.getThrown().printStackTrace(out);
      out.close();
      thrown = trace.toString();
    }
    return String.format(format, time, source, record.getLoggerName(), record.getLevel().getLocalizedName(),
        formatMessage(record), thrown, id(ids, 1), id(ids, 3), id(ids, 5));
  }

  /** The application's own logging calls this: an agent failure loses the ids, never the line. */
  private static String[] currentIds() {
    try {
      return Bridge.logs().currentIds();
    } catch (Throwable t) {
      AdviceErrors.report(t, "jul TraceFormatter");
      return null;
    }
  }

  private static String id(String[] ids, int index) {
    return ids == null || ids.length <= index || ids[index] == null ? "" : ids[index];
  }
}
