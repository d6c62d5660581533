package dev.vigil.agent.logging;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own log: one prefix, on System.err, never through the application's logging framework (which may not be
 * configured yet, and which we must not initialize).
 */
public final class AgentLog {
  public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

  private static volatile Level threshold = Level.INFO;
  private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();
  private static final int MAX_ONCE_KEYS = 10_000;

  private AgentLog() {}

  public static void setLevel(Level level) {
    threshold = level;
  }

  public static Level level() {
    return threshold;
  }

  public static Level parseLevel(String value) {
    return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
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
    if (ONCE.size() < MAX_ONCE_KEYS && ONCE.add(key)) {
      log(level, message, t);
    }
  }

  public static void log(Level level, String message, Throwable t) {
    if (!enabled(level)) {
      return;
    }
    StringBuilder line = new StringBuilder(64 + message.length()).append("[vigil] ").append(level).append(' ').append(message);
    if (t != null) {
      line.append(": ").append(t);
    }
    System.err.println(line);
    if (t != null && enabled(Level.DEBUG)) {
      t.printStackTrace();
    }
  }
}
