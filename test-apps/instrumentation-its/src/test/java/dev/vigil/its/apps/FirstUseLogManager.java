package dev.vigil.its.apps;

import java.util.logging.LogManager;

/** Named by -Djava.util.logging.manager: prints which thread started the JDK's logging system. */
public final class FirstUseLogManager extends LogManager {
  public FirstUseLogManager() {
    System.out.println("LOGMANAGER " + Thread.currentThread().getName());
  }
}
