package dev.vigil.its.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.TestApps;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hostile-world case: a webapp (servlets, JDBC through its own H2 driver, its own thread pool, its own Logback) deployed
 * in embedded Tomcat 10.1, exercised and undeployed 20 times with the agent, then no webapp class loader is left. Live
 * objects are counted with {@code jcmd GC.class_histogram}, which runs a full collection first: nothing here waits for
 * a collection to happen on its own. The same count while the webapp is still deployed shows the method sees loaders,
 * and the run without the agent shows the webapp itself leaks nothing.
 */
class RedeployIT {
  private static final int CYCLES = 20;
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final String LOADER = "org.apache.catalina.loader.ParallelWebappClassLoader";
  private static final String WEBAPP_CLASSES = "org.example.redeploy.webapp.";

  @Test
  void twentyRedeploysLeaveNoWebappClassLoader() throws Exception {
    long started = System.nanoTime();
    Live without = cycle(false);
    Live with = cycle(true);
    assertThat(without.deployed).as("without the agent, one webapp deployed: its loader is seen").isEqualTo(1);
    assertThat(without.undeployed).as("without the agent, after the last undeploy").isZero();
    assertThat(with.deployed).as("with the agent, one webapp deployed").isEqualTo(1);
    assertThat(with.undeployed).as("with the agent, webapp class loaders after %d redeploys", CYCLES + 1).isZero();
    assertThat(with.webappObjects).as("instances of the webapp's own classes left with the agent").isZero();
    HostileReport.print("20 webapp redeploys in Tomcat 10.1",
        (CYCLES + 1) + " deploy/exercise/undeploy cycles (servlets, JDBC, a thread pool, Logback), "
            + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s with and without the agent",
        CYCLES + 1 + " undeploys",
        (CYCLES + 1) * 9 + " requests per run",
        with.undeployed + " webapp class loaders retained (" + with.webappObjects + " webapp objects)");
  }

  /** Live webapp class loaders while deployed and after the final undeploy, and webapp objects left then. */
  private static final class Live {
    long deployed;
    long undeployed;
    long webappObjects;
  }

  private static Live cycle(boolean agent) throws Exception {
    Path webapp = TestApps.directory("redeploy/host", "target/webapp");
    AgentJvm.Builder b = AgentJvm.builder("org.example.redeploy.host.RedeployHost")
        .classpath(TestApps.classpath("redeploy/host")).arg(webapp.toString()).arg(Integer.toString(CYCLES));
    for (String open : List.of("java.base/java.lang", "java.base/java.io", "java.base/java.util",
        "java.base/java.util.concurrent", "java.rmi/sun.rmi.transport")) {
      b.jvmArg("--add-opens=" + open + "=ALL-UNNAMED"); // as catalina.sh does: Tomcat's leak detection sees it all
    }
    try (AgentJvm host = (agent ? b : b.withoutAgent()).start()) {
      host.awaitLine(l -> l.equals("DEPLOYED"), WAIT);
      Live live = new Live();
      live.deployed = histogram(host).count(LOADER);
      try (OutputStream stdin = host.process().getOutputStream()) {
        stdin.write("undeploy\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        host.awaitLine(l -> l.equals("UNDEPLOYED"), WAIT);
        Histogram after = histogram(host);
        live.undeployed = after.count(LOADER);
        live.webappObjects = after.countPrefix(WEBAPP_CLASSES);
      }
      assertThat(host.output()).as("Tomcat's own leak detection").doesNotContain("memory leak")
          .doesNotContain("failed to stop it").doesNotContain("failed to remove it");
      if (agent) {
        assertThat(host.output()).doesNotContain("[vigil] WARN").doesNotContain("[vigil] ERROR");
      }
      return live;
    }
  }

  /** Live instances per class, counted by the JVM after a full collection. */
  private static Histogram histogram(AgentJvm jvm) throws Exception {
    Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
    ExternalTools.Result r = ExternalTools.run(List.of(jcmd.toString(), Long.toString(jvm.process().pid()),
        "GC.class_histogram"), "");
    assertThat(r.exitCode).as("jcmd %s", r).isZero();
    return new Histogram(r.output);
  }

  private static final class Histogram {
    /** "   1:   12345   67890  java.lang.String (java.base@17)". */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)", Pattern.MULTILINE);
    private final String text;

    Histogram(String text) {
      this.text = text;
    }

    long count(String className) {
      return sum(className, false);
    }

    long countPrefix(String prefix) {
      return sum(prefix, true);
    }

    private long sum(String name, boolean prefix) {
      long n = 0;
      Matcher m = ROW.matcher(text);
      while (m.find()) {
        if (prefix ? m.group(2).startsWith(name) : m.group(2).equals(name)) {
          n += Long.parseLong(m.group(1));
        }
      }
      return n;
    }
  }
}
