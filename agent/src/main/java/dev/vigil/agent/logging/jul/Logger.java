package dev.vigil.agent.logging.jul;

import dev.vigil.agent.logging.AgentLog;

/**
 * Stands in for {@code java.util.logging.Logger} inside the bundled OpenTelemetry SDK (relocated by agent/pom.xml).
 * Touching the real one from the agent's start-up thread would initialise the JDK's LogManager before the application
 * configures it (app servers install their own), and the SDK's messages would land in the application's log. Here
 * warnings and errors go to the agent log at debug level: the agent already reports export trouble itself, once, and
 * counts it on /metrics. The rest is dropped. Only the methods the SDK calls exist.
 */
public final class Logger {
  private static final Logger INSTANCE = new Logger();

  private Logger() {}

  public static Logger getLogger(String name) {
    return INSTANCE;
  }

  public boolean isLoggable(Level level) {
    return level.intValue() >= Level.WARNING.intValue() && AgentLog.enabled(AgentLog.Level.DEBUG);
  }

  public void log(Level level, String message) {
    log(level, message, (Throwable) null);
  }

  public void log(Level level, String message, Object[] params) {
    log(level, message, (Throwable) null);
  }

  public void log(Level level, String message, Throwable thrown) {
    if (isLoggable(level)) {
      AgentLog.log(AgentLog.Level.DEBUG, "OpenTelemetry SDK: " + message, thrown);
    }
  }

  public void severe(String message) {
    log(Level.SEVERE, message);
  }

  public void warning(String message) {
    log(Level.WARNING, message);
  }

  public void info(String message) {}

  public void fine(String message) {}
}
