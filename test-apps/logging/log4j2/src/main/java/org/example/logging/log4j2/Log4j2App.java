package org.example.logging.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.example.logging.AppLog;
import org.example.logging.LoggingService;

/** The service logging through the Log4j 2 API and core (log4j2.xml: a console appender with a PatternLayout). */
public final class Log4j2App {
  private static final Logger LOG = LogManager.getLogger(Log4j2App.class);

  private Log4j2App() {}

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
