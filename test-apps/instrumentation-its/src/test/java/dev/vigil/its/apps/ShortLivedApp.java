package dev.vigil.its.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Does nothing until a line arrives on stdin, then prints its live threads and returns from main. The JVM must then
 * exit on its own: an agent thread that is not a daemon would keep it alive. The count is of the steady state: the
 * agent's one short-lived thread (vigil-jmx-init, which registers the MBeans) is waited for first.
 */
public final class ShortLivedApp {
  public static void main(String[] args) throws Exception {
    System.out.println("READY 0");
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("vigil-jmx-init")) {
        t.join(120_000);
      }
    }
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      names.add(t.getName() + (t.isDaemon() ? "(daemon)" : ""));
    }
    Collections.sort(names);
    System.out.println("THREADS " + names.size() + " " + String.join(",", names));
  }
}
