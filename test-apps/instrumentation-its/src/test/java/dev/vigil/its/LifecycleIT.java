package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.ShortLivedApp;
import dev.vigil.its.support.AgentJvm;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent never keeps a JVM alive, and costs at most two threads. */
class LifecycleIT {
  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void jvmExitsWhenMainReturnsAndTheAgentAddsAtMostThreeThreads(String javaHome) throws Exception {
    // A fixed number of JIT compiler threads, so that only the agent can change the count.
    String fixedJit = "-XX:-UseDynamicNumberOfCompilerThreads";
    List<String> without = threadsAtExit(
        AgentJvm.builder(ShortLivedApp.class).javaHome(javaHome).jvmArg(fixedJit).withoutAgent(), false);
    List<String> with = threadsAtExit(AgentJvm.builder(ShortLivedApp.class).javaHome(javaHome).jvmArg(fixedJit), true);
    List<String> added = new ArrayList<>(with);
    without.forEach(added::remove);
    // The JDK's HTTP server behind /metrics brings two (its dispatcher and its idle timer), the agent one (the ticker).
    assertThat(with.size() - without.size())
        .as("threads with the agent %s, without %s; added %s", with, without, added)
        .isLessThanOrEqualTo(3);
    assertThat(added).as("the agent's threads are daemons").allMatch(name -> name.endsWith("(daemon)"));
  }

  /**
   * Runs the app to its end. With the agent, the count is taken in its steady state: after the endpoint answers and the
   * short-lived thread that registers the MBeans (vigil.jmx.delay after start) has done so.
   */
  private static List<String> threadsAtExit(AgentJvm.Builder builder, boolean agent) throws Exception {
    try (AgentJvm app = builder.start()) {
      app.awaitReady();
      if (agent) {
        assertThat(app.scrape()).contains("jvm_threads");
        app.awaitLine(l -> l.contains("JMX MBeans registered"), AgentJvm.PATIENCE);
      }
      try (OutputStream stdin = app.process().getOutputStream()) {
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
      }
      String line = app.awaitLine(l -> l.startsWith("THREADS "), AgentJvm.PATIENCE);
      // Generous: this only tells "exits by itself" from "hangs forever on a non-daemon thread".
      assertThat(app.waitForExit(Duration.ofSeconds(30))).as(app.output()).isZero();
      String[] parts = line.split(" ", 3);
      List<String> names = parts.length > 2 ? Arrays.asList(parts[2].split(",")) : List.of();
      assertThat(names).hasSize(Integer.parseInt(parts[1]));
      return names;
    }
  }
}
