package dev.vigil.agent.tooling;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Types never matched: the agent itself (only its own packages: an application may live under dev.vigil too), the JDK (except the few packages instrumented on purpose), generated
 * classes. Checked by name before anything else, so most classes cost one string test.
 */
final class IgnoredTypes extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
  private static final String[] JDK_ALLOWED = {"com.sun.net.httpserver.",
    "sun.net.www.protocol.http.HttpURLConnection", "jdk.internal.net.http.HttpClientImpl",
    "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ScheduledThreadPoolExecutor",
    "java.util.concurrent.ForkJoinPool", "java.util.concurrent.ForkJoinTask",
    "java.util.concurrent.ThreadPerTaskExecutor", "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor",
  };
  private static final String[] IGNORED_PREFIXES = {
    "dev.vigil.agent.", "dev.vigil.bootstrap.", "dev.vigil.jul.", "dev.vigil.exporter.", "dev.vigil.shaded.", "java.", "javax.management.", "jdk.", "sun.", "com.sun.", "net.bytebuddy.", "org.HdrHistogram.",
    "org.jctools.", "org.openjdk.jmh.", "org.junit.", "org.gradle.", "org.apache.maven.", "kotlin.", "scala.",
  };

  @Override
  public boolean matches(TypeDescription type) {
    String name = type.getName();
    for (String allowed : JDK_ALLOWED) {
      if (name.startsWith(allowed)) {
        return false;
      }
    }
    for (String prefix : IGNORED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return name.contains("$$Lambda") || name.contains("$$EnhancerBy") || name.contains("$ByteBuddy$")
        || name.contains("$HibernateProxy$");
  }
}
