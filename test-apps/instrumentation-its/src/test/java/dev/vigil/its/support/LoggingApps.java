package dev.vigil.its.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logging test apps (test-apps/logging): how to start each, and the lines their layouts print
 * ({@code ... trace_id=X span_id=Y trace_flags=Z - message}).
 */
public final class LoggingApps {
  private static final Pattern LINE = Pattern.compile("trace_id=(\\S*) span_id=(\\S*) trace_flags=(\\S*) - (.*)$");

  private LoggingApps() {}

  /** A builder for app "logback", "logback12", "log4j2" or "jul", with the agent. */
  public static AgentJvm.Builder builder(String app) {
    switch (app) {
      case "logback":
        return AgentJvm.builder("org.example.logging.logback.LogbackApp").classpath(TestApps.classpath("logging/logback"));
      case "logback12":
        return AgentJvm.builder("org.example.logging.logback12.Logback12App")
            .classpath(TestApps.classpath("logging/logback12"));
      case "log4j2":
        return AgentJvm.builder("org.example.logging.log4j2.Log4j2App").classpath(TestApps.classpath("logging/log4j2"));
      case "jul":
        return AgentJvm.builder("org.example.logging.JulApp").classpath(TestApps.classpath("logging/common"))
            .sysProp("java.util.logging.config.file",
                TestApps.file("logging/common", "target/classes/jul-logging.properties").toString());
      default:
        throw new IllegalArgumentException(app);
    }
  }

  /** One line of the app's layout: the three ids (empty when absent) and the message. */
  public static final class Line {
    public final String traceId;
    public final String spanId;
    public final String traceFlags;
    public final String message;
    public final String raw;

    Line(Matcher m, String raw) {
      traceId = m.group(1);
      spanId = m.group(2);
      traceFlags = m.group(3);
      message = m.group(4);
      this.raw = raw;
    }

    @Override
    public String toString() {
      return raw;
    }
  }

  public static List<Line> lines(AgentJvm jvm) {
    List<Line> out = new ArrayList<>();
    for (String raw : jvm.output().split("\n")) {
      Matcher m = LINE.matcher(raw);
      if (m.find()) {
        out.add(new Line(m, raw));
      }
    }
    return out;
  }

  /** Sends {@code outside N} on the app's standard input and waits until its 2N outside-task lines are written. */
  public static List<Line> runOutside(AgentJvm jvm, int n) throws IOException {
    OutputStream stdin = jvm.process().getOutputStream();
    stdin.write(("outside " + n + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    jvm.awaitLine(l -> l.equals("OUTSIDE DONE"), Duration.ofSeconds(120));
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    List<Line> lines = lines(jvm);
    while (lines.stream().filter(l -> l.message.startsWith("outside-task")).count() < 2L * n
        && System.nanoTime() < deadline) {
      sleep(200); // an async appender may still be writing
      lines = lines(jvm);
    }
    return lines;
  }

  /** A W3C trace id (32 hex digits, random). */
  public static String newTraceId() {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1;
    return HexFormat.of().formatHex(b);
  }

  public static String traceparent(String traceId) {
    return "00-" + traceId + "-" + "b7ad6b7169203331" + "-01";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
