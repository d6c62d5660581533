package org.example.logging;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The service logging through java.util.logging, configured as users do: {@code
 * -Djava.util.logging.config.file=jul-logging.properties}, whose console handler names Vigil's TraceFormatter.
 */
public final class JulApp {
  private static final Logger LOG = Logger.getLogger("org.example.logging.JulApp");

  private JulApp() {}

  public static void main(String[] args) throws Exception {
    new LoggingService(new AppLog() {
      @Override
      public void info(String message) {
        LOG.info(message);
      }

      @Override
      public void warn(String message, Throwable thrown) {
        LOG.log(Level.WARNING, message, thrown);
      }
    }).run();
  }
}
