package dev.vigil.agent.recording;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stable, readable name per pool, in this order: the framework's pool name (Jetty), the thread factory's name prefix
 * (Spring, Guava, Tomcat and most hand-written factories keep it in a field), else the class and method that created
 * the pool. Names the JDK numbers by creation order (pool-3-thread-, ForkJoinPool-2-worker-, qtp12345) are never used:
 * they change between runs.
 */
final class ExecutorNames {
  static final String COMMON_POOL = "ForkJoinPool.commonPool";
  private static final int MAX_LENGTH = 96;
  private static final Pattern UNSTABLE = Pattern.compile(
      "(pool-\\d+-thread|ForkJoinPool-\\d+-worker|qtp(-?\\d+)?|Thread)?[-_ #.%d0-9]*");
  private static final Pattern TRAILING = Pattern.compile("[-_ #.]*(%d|%s|\\{\\}|\\d+)?[-_ #.]*$");
  private static final StackWalker WALKER = StackWalker.getInstance();

  private ExecutorNames() {}

  /** True when the pool is being created or used by the agent itself: such pools are not tracked. */
  static boolean agentOwned(List<String> stack) {
    for (String c : stack) {
      if (c.startsWith("dev.vigil.agent.") || c.startsWith("dev.vigil.exporter.") || c.startsWith("dev.vigil.shaded.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Packages of database drivers and connection pools, whose own pools do upkeep (MySQL's abandoned-connection
   * cleanup, HikariCP's housekeeper and connection adder, commons-pool's evictor), not the application's work.
   */
  private static final String[] HOUSEKEEPERS = {"com.mysql.", "org.mariadb.jdbc.", "org.postgresql.", "org.h2.",
      "com.microsoft.sqlserver.", "oracle.jdbc.", "oracle.ucp.", "com.zaxxer.hikari.", "org.apache.commons.dbcp2.",
      "org.apache.commons.pool2.", "org.apache.tomcat.jdbc.pool.", "com.mchange.v2.", "com.alibaba.druid."};

  /** True when the innermost caller outside the JDK is a driver's or connection pool's class. */
  static boolean housekeeping(List<String> callers) {
    for (String f : callers) {
      if (!f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun.")) {
        for (String p : HOUSEKEEPERS) {
          if (f.startsWith(p)) {
            return true;
          }
        }
        return false;
      }
    }
    return false;
  }

  /** The calling frames as "class.method", innermost first, without the JDK's and the agent's. */
  static List<String> callers() {
    return WALKER.walk(frames -> frames.map(f -> f.getClassName() + "." + f.getMethodName())
        .filter(f -> !f.startsWith("dev.vigil.bootstrap.") && !f.startsWith("dev.vigil.agent.recording."))
        .limit(32).collect(Collectors.toList()));
  }

  static String name(Object executor, String frameworkName, List<String> callers) {
    if (executor == ForkJoinPool.commonPool()) {
      return COMMON_POOL;
    }
    String n = clean(frameworkName);
    if (n == null) {
      n = clean(factoryPrefix(factory(executor)));
    }
    if (n == null) {
      n = creator(callers);
    }
    return n.length() > MAX_LENGTH ? n.substring(0, MAX_LENGTH) : n;
  }

  /** A prefix without its counter and separators; null when nothing stable is left. */
  static String clean(String raw) {
    if (raw == null) {
      return null;
    }
    String s = TRAILING.matcher(raw.trim()).replaceAll("");
    return s.isEmpty() || UNSTABLE.matcher(s).matches() ? null : s;
  }

  private static Object factory(Object executor) {
    if (executor instanceof ThreadPoolExecutor) {
      return ((ThreadPoolExecutor) executor).getThreadFactory();
    }
    if (executor instanceof ForkJoinPool) {
      return ((ForkJoinPool) executor).getFactory();
    }
    try {
      Method m = executor.getClass().getMethod("getThreadFactory");
      return m.invoke(executor);
    } catch (Exception | LinkageError e) {
      return null;
    }
  }

  /**
   * A String field of the factory whose name says prefix, format or name; for a lambda ({@code r -> new Thread(r,
   * prefix + n)}), the String it captured.
   */
  private static String factoryPrefix(Object factory) {
    if (factory == null || factory.getClass().getName().startsWith("java.")) {
      return null;
    }
    boolean lambda = factory.getClass().getName().contains("$$Lambda");
    for (Class<?> c = factory.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        String fn = f.getName().toLowerCase(java.util.Locale.ROOT);
        if (f.getType() == String.class && !java.lang.reflect.Modifier.isStatic(f.getModifiers())
            && (lambda || fn.contains("prefix") || fn.contains("format") || fn.contains("name"))) {
          try {
            f.setAccessible(true);
            Object v = f.get(factory);
            if (v instanceof String && !((String) v).isEmpty()) {
              return (String) v;
            }
          } catch (Exception | LinkageError e) {
            // a module that does not open its factory: try the next field
          }
        }
      }
    }
    return null;
  }

  /** The first caller outside the JDK and outside the pool's own constructors: "SimpleClassName.method". */
  private static String creator(List<String> callers) {
    Optional<String> frame = callers.stream()
        .filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun.") && !f.endsWith(".<init>"))
        .findFirst();
    if (!frame.isPresent()) {
      return "unnamed";
    }
    String f = frame.get();
    int method = f.lastIndexOf('.');
    String cls = f.substring(0, method);
    String simple = cls.substring(cls.lastIndexOf('.') + 1).replace('$', '.');
    String m = f.substring(method + 1);
    return m.equals("<clinit>") ? simple : simple + "." + m;
  }
}
