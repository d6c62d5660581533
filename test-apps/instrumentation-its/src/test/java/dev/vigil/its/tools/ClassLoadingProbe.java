package dev.vigil.its.tools;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Start-up cost probe: loads (without initializing) every class of the class-path jars whose path contains one of the
 * arguments (e.g. h2 postgresql mariadb HikariCP), waits for the agent's installer thread, and prints the classes
 * loaded, the wall time and the process CPU time. Run it with and without the agent or a module to compare.
 */
public final class ClassLoadingProbe {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    int loaded = 0;
    for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!path.endsWith(".jar") || !matches(path, args)) {
        continue;
      }
      try (JarFile jar = new JarFile(path)) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
          String name = e.nextElement().getName();
          if (name.endsWith(".class") && !name.contains("-") && !name.startsWith("META-INF")) {
            try {
              Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
                  ClassLoadingProbe.class.getClassLoader());
              loaded++;
            } catch (Throwable ignored) {
              // optional dependencies of the driver are absent: skip
            }
          }
        }
      }
    }
    long loadNanos = System.nanoTime() - start;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("vigil-init")) {
        t.join();
      }
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.println("PROBE classes=" + loaded + " load_ms=" + loadNanos / 1_000_000 + " uptime_ms="
        + ManagementFactory.getRuntimeMXBean().getUptime() + " cpu_ms=" + os.getProcessCpuTime() / 1_000_000);
  }

  private static boolean matches(String path, String[] needles) {
    for (String n : needles) {
      if (path.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
