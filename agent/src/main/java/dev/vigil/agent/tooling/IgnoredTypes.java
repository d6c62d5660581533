package dev.vigil.agent.tooling;

/**
 * Classes never looked at, by their internal name, before anything else happens in a class load: the agent itself
 * (only its own packages: an application may live under dev.vigil too), the JDK except the few classes instrumented on
 * purpose (java.lang.invoke above all: the agent's own code may need those while one of them is being loaded), other
 * bytecode tools, generated classes. Plain string tests: this runs inside every class load.
 */
final class IgnoredTypes {
  private static final String[] JDK_ALLOWED = {"com/sun/net/httpserver/",
    "sun/net/www/protocol/http/HttpURLConnection", "jdk/internal/net/http/HttpClientImpl",
    "java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/ScheduledThreadPoolExecutor",
    "java/util/concurrent/ForkJoinPool", "java/util/concurrent/ForkJoinTask",
    "java/util/concurrent/ThreadPerTaskExecutor", "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor",
  };
  private static final String[] IGNORED_PREFIXES = {
    "dev/vigil/agent/", "dev/vigil/bootstrap/", "dev/vigil/jul/", "dev/vigil/exporter/", "dev/vigil/shaded/",
    "java/", "javax/management/", "jdk/", "sun/", "com/sun/", "net/bytebuddy/", "org/HdrHistogram/", "org/jctools/",
    "org/openjdk/jmh/", "org/junit/", "org/gradle/", "org/apache/maven/", "kotlin/", "scala/",
  };
  private static final String[] GENERATED = {"$$Lambda", "$$EnhancerBy", "$ByteBuddy$", "$HibernateProxy$"};

  private IgnoredTypes() {}

  static boolean ignored(String internalName) {
    for (String allowed : JDK_ALLOWED) {
      if (internalName.startsWith(allowed)) {
        return false;
      }
    }
    for (String prefix : IGNORED_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    for (String marker : GENERATED) {
      if (internalName.contains(marker)) {
        return true;
      }
    }
    return false;
  }
}
