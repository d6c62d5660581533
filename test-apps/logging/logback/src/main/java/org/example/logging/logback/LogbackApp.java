package org.example.logging.logback;

import org.example.logging.AppLog;
import org.example.logging.LoggingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service logging through SLF4J 2 and Logback 1.6 (logback.xml: an AsyncAppender in front of the console), and
 * one line per request through JBoss Logging (backed by Logback here).
 */
public final class LogbackApp {
  private static final Logger LOG = LoggerFactory.getLogger(LogbackApp.class);
  private static final org.jboss.logging.Logger JBOSS =
      org.jboss.logging.Logger.getLogger("jboss." + LogbackApp.class.getName());

  private LogbackApp() {}

  public static void main(String[] args) throws Exception {
    new LoggingService(new AppLog() {
      @Override
      public void info(String message) {
        LOG.info(message);
      }

      @Override
      public void warn(String message, Throwable thrown) {
        LOG.warn(message, thrown);
      }
    }, new AppLog() {
      @Override
      public void info(String message) {
        JBOSS.info(message);
      }

      @Override
      public void warn(String message, Throwable thrown) {
        JBOSS.warn(message, thrown);
      }
    }).run();
  }
}
