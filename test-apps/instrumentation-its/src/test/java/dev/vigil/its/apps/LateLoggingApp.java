package dev.vigil.its.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Uses java.util.logging only when a line arrives on stdin, as an application that configures its logging in main
 * would. Until then nothing in the JVM should have started the JDK's LogManager.
 */
public final class LateLoggingApp {
  public static void main(String[] args) throws Exception {
    System.out.println("READY 0");
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    Logger.getLogger("app").info("configured by the application");
    System.out.println("DONE");
    Thread.sleep(60_000); // stays up for the test to watch the agent; the test ends it
  }
}
