package dev.vigil.agent.db;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What of an exception may leave the process. Database drivers quote the failing statement, key values and whole rows
 * in their messages, and Redis servers quote command arguments: on a database or Redis span the exception's message,
 * and those of its causes in the stack trace, are masked by {@link MessageMask} (the statement like
 * {@code db.query.text}). Logs (the agent's own and the application's exported records) mask the same way when the
 * exception or one of its causes is a database or Redis one, and keep other messages, which name no data. Frames are
 * kept as they are. Never throws.
 */
public final class ExceptionText {
  static final int MAX_MESSAGE = 4096;
  static final int MAX_STACK_TRACE = 16 * 1024;
  private static final int MAX_CAUSES = 8;
  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> STACK_TRACE = AttributeKey.stringKey("exception.stacktrace");
  private static final String[] DATA_PACKAGES = {"redis.clients.", "io.lettuce.", "org.springframework.dao.",
    "org.springframework.jdbc.", "org.hibernate.", "jakarta.persistence.", "javax.persistence.", "org.jooq.",
    "org.apache.ibatis."};

  private ExceptionText() {}

  /** The {@code exception} event of a database or Redis span: type, masked message, masked stack trace. */
  public static Attributes event(Throwable t, SqlDialect dialect) {
    return attributes(t, dialect == null ? SqlDialect.UNKNOWN : dialect);
  }

  /** The {@code exception} event of any other span: masked when the exception carries data. */
  public static Attributes event(Throwable t) {
    return attributes(t, carriesData(t) ? SqlDialect.UNKNOWN : null);
  }

  /** For logs: the message, masked when the exception carries data (see {@link #carriesData}). */
  public static String message(Throwable t) {
    return message(t, carriesData(t) ? SqlDialect.UNKNOWN : null);
  }

  /** For logs: {@code type: message} as {@code Throwable.toString()} has it, masked when it carries data. */
  public static String describe(Throwable t) {
    String message = message(t);
    return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
  }

  /** For logs: the stack trace as {@code printStackTrace} has it (causes only), masked when it carries data. */
  public static String stackTrace(Throwable t) {
    return stackTrace(t, carriesData(t) ? SqlDialect.UNKNOWN : null);
  }

  /** True when {@code t} or a cause is a JDBC, Redis client or data-access framework exception. */
  public static boolean carriesData(Throwable t) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable c = t; c != null && seen.size() < MAX_CAUSES && seen.add(c); c = cause(c)) {
      if (c instanceof SQLException) {
        return true;
      }
      for (Class<?> type = c.getClass(); type != null && type != Throwable.class; type = type.getSuperclass()) {
        for (String p : DATA_PACKAGES) {
          if (type.getName().startsWith(p)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Attributes attributes(Throwable t, SqlDialect dialect) {
    AttributesBuilder b = Attributes.builder().put(TYPE, t.getClass().getName());
    String message = message(t, dialect);
    if (message != null) {
      b.put(MESSAGE, message);
    }
    return b.put(STACK_TRACE, stackTrace(t, dialect)).build();
  }

  /** The message masked in {@code dialect}, or raw when {@code dialect} is null. */
  private static String message(Throwable t, SqlDialect dialect) {
    try {
      String m = t.getMessage();
      if (m == null || dialect == null) {
        return m;
      }
      return MessageMask.mask(m, dialect, MAX_MESSAGE);
    } catch (Throwable failed) {
      return dialect == null ? null : "?"; // a message that cannot be read or masked is not shown
    }
  }

  private static String stackTrace(Throwable t, SqlDialect dialect) {
    StringBuilder out = new StringBuilder(1024);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    StackTraceElement[] enclosing = new StackTraceElement[0];
    for (Throwable c = t; c != null && seen.size() < MAX_CAUSES && seen.add(c); c = cause(c)) {
      String message = message(c, dialect);
      out.append(c == t ? "" : "Caused by: ").append(c.getClass().getName())
          .append(message == null ? "" : ": ").append(message == null ? "" : message).append('\n');
      StackTraceElement[] frames = frames(c);
      int own = frames.length - 1;
      for (int e = enclosing.length - 1; own >= 0 && e >= 0 && frames[own].equals(enclosing[e]); e--) {
        own--;
      }
      for (int i = 0; i <= own && out.length() < MAX_STACK_TRACE; i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (own < frames.length - 1) {
        out.append("\t... ").append(frames.length - 1 - own).append(" more\n");
      }
      enclosing = frames;
    }
    return out.length() > MAX_STACK_TRACE ? out.substring(0, MAX_STACK_TRACE) : out.toString();
  }

  private static StackTraceElement[] frames(Throwable t) {
    try {
      StackTraceElement[] frames = t.getStackTrace();
      return frames == null ? new StackTraceElement[0] : frames;
    } catch (Throwable failed) {
      return new StackTraceElement[0];
    }
  }

  private static Throwable cause(Throwable t) {
    try {
      return t.getCause();
    } catch (Throwable failed) {
      return null;
    }
  }
}
