package org.example.logging.logback12;

import org.example.logging.AppLog;
import org.example.logging.LoggingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service logging through SLF4J 1.7 and Logback 1.2 (logback.xml: a console appender). */
public final class Logback12App {
  private static final Logger LOG = LoggerFactory.getLogger(Logback12App.class);

  private Logback12App() {}

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
    }).run();
  }
}
