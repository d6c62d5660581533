package org.example.logging;

/** The one logging call the shared service makes, implemented by each framework's main class. */
public interface AppLog {
  void info(String message);

  void warn(String message, Throwable thrown);
}
