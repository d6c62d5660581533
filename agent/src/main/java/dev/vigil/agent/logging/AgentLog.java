package dev.vigil.agent.logging;

import dev.vigil.agent.db.ExceptionText;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own log: one prefix ({@code [vigil] LEVEL message}) or one JSON object per line, on System.err, never
 * through the application's logging framework (which may not be configured yet, and which we must not initialize).
 * Repeated problems are rate-limited per key: once per interval, with the count of repeats suppressed meanwhile. An
 * exception is written with {@link ExceptionText}: a database or Redis one with its messages masked.
 */
public final class AgentLog {
  public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

  public enum Format { TEXT, JSON }

  private static final int MAX_KEYS = 10_000;
  private static final String OVERFLOW_KEY = "_other";
  private static volatile Level threshold = Level.INFO;
  private static volatile Format format = Format.TEXT;
  private static volatile long repeatIntervalNanos = TimeUnit.SECONDS.toNanos(60);
  private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();
  private static final Map<String, Repeat> REPEATS = new ConcurrentHashMap<>();

  private AgentLog() {}

  public static void setLevel(Level level) {
    threshold = level;
  }

  public static void setFormat(Format f) {
    format = f;
  }

  public static void setRepeatInterval(long millis) {
    repeatIntervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
  }

  public static Level level() {
    return threshold;
  }

  public static Level parseLevel(String value) {
    return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  public static Format parseFormat(String value) {
    return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  public static boolean enabled(Level level) {
    return level.ordinal() >= threshold.ordinal() && level != Level.OFF;
  }

  public static void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  public static void info(String message) {
    log(Level.INFO, message, null);
  }

  public static void warn(String message) {
    log(Level.WARN, message, null);
  }

  public static void error(String message, Throwable t) {
    log(Level.ERROR, message, t);
  }

  /** Logs {@code message} the first time {@code key} is seen, and never again. */
  public static void once(Level level, String key, String message, Throwable t) {
    if (ONCE.size() < MAX_KEYS && ONCE.add(key)) {
      log(level, message, t);
    }
  }

  /**
   * Logs {@code message} at most once per repeat interval for {@code key}; the next line written for the key says how
   * many were suppressed. Past {@value #MAX_KEYS} distinct keys, new keys share one limit.
   */
  public static void every(Level level, String key, String message, Throwable t) {
    if (!enabled(level)) {
      return;
    }
    Repeat repeat = REPEATS.get(key);
    if (repeat == null) {
      repeat = REPEATS.computeIfAbsent(REPEATS.size() < MAX_KEYS ? key : OVERFLOW_KEY, k -> new Repeat());
    }
    long suppressed = repeat.pass(System.nanoTime(), repeatIntervalNanos);
    if (suppressed >= 0) {
      log(level, suppressed == 0 ? message : message + " (repeated " + suppressed + " more times since the last line)",
          t);
    }
  }

  /** For tests: every rate-limited key may log again now, as if its interval had passed. */
  static void expireRepeats() {
    REPEATS.values().forEach(Repeat::expire);
  }

  public static void log(Level level, String message, Throwable t) {
    if (!enabled(level)) {
      return;
    }
    boolean stack = t != null && enabled(Level.DEBUG);
    String line = format == Format.JSON ? JsonLine.render(level, message, t, stack) : text(level, message, t);
    System.err.println(line);
    if (stack && format == Format.TEXT) {
      System.err.print(ExceptionText.stackTrace(t));
    }
  }

  private static String text(Level level, String message, Throwable t) {
    StringBuilder line = new StringBuilder(64 + message.length()).append("[vigil] ").append(level).append(' ')
        .append(message);
    if (t != null) {
      line.append(": ").append(ExceptionText.describe(t)); // a driver's message is masked: it quotes data
    }
    return line.toString();
  }

  private static final class Repeat {
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    /** -1 when this occurrence is suppressed; else how many were suppressed since the last line. */
    synchronized long pass(long now, long interval) {
      if (logged && now - lastNanos < interval) {
        suppressed++;
        return -1;
      }
      long s = suppressed;
      suppressed = 0;
      logged = true;
      lastNanos = now;
      return s;
    }

    synchronized void expire() {
      logged = false;
    }
  }
}
