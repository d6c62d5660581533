package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.ProfiledApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Jmx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line (attach, profile) against JVMs started with and without the agent, continuous mode's /vigil/profile, and
 * many start/stop cycles over JMX leaving no thread or file descriptor behind.
 */
class ProfilerAttachIT {
  private static final Duration WAIT = AgentJvm.PATIENCE;

  /** {@code java -jar vigil-agent.jar ARGS}, as a user runs the command line. */
  static ExternalTools.Result cli(String... args) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-jar", AgentJvm.agentJar().toString()));
    cmd.addAll(List.of(args));
    return ExternalTools.run(cmd, "");
  }

  @Test
  void attachLoadsVigilIntoAJvmStartedWithoutIt() throws Exception {
    try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).withoutAgent().start()) {
      int port = app.awaitReady();
      assertThat(app.output()).doesNotContain("[vigil]");
      ExternalTools.Result r = cli("attach", String.valueOf(app.process().pid()), "prometheus.port=0");
      assertThat(r.exitCode).as(r.output).isZero();
      assertThat(r.output).as("what happened in the target").containsPattern("JVM " + app.process().pid()
          + ": Vigil started in \\d+ ms .* instrumentations \\(\\d+ loaded class(es)? retransformed\\);"
          + " metrics at http://127.0.0.1:\\d+/metrics");
      String base = app.agentUrl(); // the late-attached agent logs where its metrics are
      app.awaitLine(l -> l.startsWith("[vigil] INFO JMX MBeans registered"), WAIT);
      long deadline = System.nanoTime() + WAIT.toNanos();
      String scrape = "";
      while (!scrape.contains("http_route=\"/alpha/{id}\"") && System.nanoTime() < deadline) {
        Http.get("http://127.0.0.1:" + port + "/alpha/1"); // handlers already running are retransformed
        scrape = Http.get(base + "/metrics").body();
      }
      assertThat(scrape).contains("http_server_request_duration_seconds_count{").contains("http_route=\"/alpha/{id}\"");
    }
  }

  @Test
  void attachIntoAJvmThatAlreadyRunsVigilChangesNothing() throws Exception {
    try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).start()) {
      app.awaitReady();
      app.awaitLine(l -> l.startsWith("[vigil] INFO JMX MBeans registered"), WAIT);
      ExternalTools.Result r = cli("attach", String.valueOf(app.process().pid()));
      assertThat(r.exitCode).as(r.output).isZero();
      assertThat(r.output).contains("JVM " + app.process().pid() + ": Vigil already runs in this JVM; nothing changed");
      r = cli("attach", String.valueOf(app.process().pid()), "prometheus.port=0");
      assertThat(r.exitCode).as("options asked for were not applied").isEqualTo(1);
      assertThat(r.output).contains("nothing changed (prometheus.port=0 not applied: options are read at start-up)");
      app.awaitLine(l -> l.contains("[vigil] INFO command line: Vigil already runs in this JVM; nothing changed"), WAIT);
      assertThat(app.output().lines().filter(l -> l.startsWith("[vigil] INFO started in")))
          .as("one agent, one metrics port").hasSize(1);
      assertThat(Http.get(app.agentUrl() + "/metrics").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void profileCommandAttachesAndWritesTheFlameGraph(@TempDir Path tmp) throws Exception {
    try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).withoutAgent().arg("spin").start()) {
      app.awaitReady();
      Path out = tmp.resolve("flame.html");
      ExternalTools.Result r = cli("profile", String.valueOf(app.process().pid()), "--event", "cpu", "--duration", "2s",
          "--out", out.toString(), "prometheus.port=0");
      assertThat(r.exitCode).as(r.output).isZero();
      assertThat(r.output).contains("Vigil was not in JVM").contains("profiling cpu of JVM").contains("async-profiler")
          .contains("wrote " + out.toAbsolutePath());
      assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").contains("ProfiledApp.backgroundHotLoop");

      Path collapsed = tmp.resolve("again.collapsed"); // Vigil is there now: no second attach
      r = cli("profile", String.valueOf(app.process().pid()), "--duration", "1s", "--out", collapsed.toString());
      assertThat(r.exitCode).as(r.output).isZero();
      assertThat(r.output).doesNotContain("Vigil was not in JVM");
      assertThat(Files.readString(collapsed)).contains("ProfiledApp.backgroundHotLoop;");
    }
  }

  @Test
  void aRouteTheTargetDoesNotKnowIsRefusedWithTheKnownOnes(@TempDir Path tmp) throws Exception {
    try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).start()) {
      int port = app.awaitReady();
      String base = app.agentUrl();
      Http.get("http://127.0.0.1:" + port + "/alpha/1");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!Http.get(base + "/metrics").body().contains("http_route=\"/alpha/{id}\"") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Path out = tmp.resolve("owners.html");
      ExternalTools.Result r = cli("profile", String.valueOf(app.process().pid()), "--route", "/alpha/{alphaId}",
          "--duration", "1s", "--out", out.toString());
      assertThat(r.exitCode).isEqualTo(1);
      assertThat(r.output).contains("no route /alpha/{alphaId} in this JVM; its routes: /alpha/{id}")
          .doesNotContain("profiling cpu");
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void badUsageExitsWithTwoAndSaysWhy() throws Exception {
    ExternalTools.Result r = cli("profile", "not-a-pid");
    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.output).contains("process id").contains("Commands:");
  }

  @Test
  void continuousModeServesTheLatestFlameGraph() throws Exception {
    try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).arg("spin").sysProp("vigil.profiler.continuous", "true")
        .sysProp("vigil.profiler.continuous.window", "2s").sysProp("vigil.jmx.delay", "1s").start()) {
      app.awaitReady();
      String url = app.agentUrl() + "/vigil/profile";
      HttpResponse<String> r = awaitProfile(app);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(r.body()).contains("ProfiledApp.backgroundHotLoop").contains("async-profiler cpu");
      assertThat(Http.get(url + "?format=collapsed").body()).contains("ProfiledApp.backgroundHotLoop;");
      assertThat(Http.get(url + "?format=xml").statusCode()).isEqualTo(400);
      assertThat(app.output()).contains("[vigil] INFO continuous profiling: async-profiler cpu, every 50 ms in 2 s"
          + " windows, last 5 kept");
    }
  }

  /** Polls /vigil/profile until continuous mode has finished a window; fails when none came within a minute. */
  static HttpResponse<String> awaitProfile(AgentJvm app) throws Exception {
    String url = app.agentUrl() + "/vigil/profile";
    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> r = Http.get(url);
    while (r.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      r = Http.get(url);
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }

  @Test
  void twoHundredStartStopCyclesLeakNoThreadAndNoFileDescriptor() throws Exception {
    int port = Jmx.freePort();
    try (AgentJvm app = ProfilerIT.start(System.getProperty("java.home"), port);
        Jmx jmx = Jmx.connect(port, WAIT)) {
      app.awaitReady();
      long pid = app.process().pid();
      ObjectName profiler = jmx.await(ProfilerIT.PROFILER, WAIT);
      cycles(jmx, profiler, 10); // warm: native library loaded, timer thread and JMX threads started
      long threads = Jmx.threads(pid);
      long fds = Jmx.fds(pid);
      cycles(jmx, profiler, 200);
      assertThat(Jmx.threads(pid)).as("threads after 200 cycles (before: " + threads + ")")
          .isLessThanOrEqualTo(threads + 2);
      assertThat(Jmx.fds(pid)).as("file descriptors after 200 cycles (before: " + fds + ")")
          .isLessThanOrEqualTo(fds + 3);
      assertThat(jmx.get(profiler, "Running")).isEqualTo(false);
    }
  }

  private static void cycles(Jmx jmx, ObjectName profiler, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      jmx.invoke(profiler, "start", i % 2 == 0 ? "cpu" : "wall", i % 3 == 0 ? 5 : 0);
      jmx.invoke(profiler, "stop");
      if (i % 20 == 0) {
        jmx.invoke(profiler, "dump", "collapsed");
      }
    }
  }
}
