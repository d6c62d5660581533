package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.ProfiledApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Jmx;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The profiler over a real JMX connection to a forked JVM running the real jar: start/stop/dump name the hot method,
 * per-route profiles keep one endpoint's samples only, and JFR takes over when the native library is forced off.
 */
class ProfilerIT {
  private static final Duration WAIT = AgentJvm.PATIENCE;
  static final String PROFILER = "dev.vigil:type=Profiler";

  static AgentJvm start(String javaHome, int jmxPort, String... sysProps) throws Exception {
    return start(javaHome, jmxPort, true, sysProps);
  }

  /** The app; with {@code spin} a thread burns CPU in backgroundHotLoop all the time. */
  static AgentJvm start(String javaHome, int jmxPort, boolean spin, String... sysProps) throws Exception {
    AgentJvm.Builder b = AgentJvm.builder(ProfiledApp.class).javaHome(javaHome).sysProp("vigil.jmx.delay", "1s");
    if (spin) {
      b.arg("spin");
    }
    Jmx.jvmOptions(jmxPort).forEach(b::jvmArg);
    for (int i = 0; i < sysProps.length; i += 2) {
      b.sysProp(sysProps[i], sysProps[i + 1]);
    }
    return b.start();
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void startStopAndDumpOverJmxNameTheHotMethod(String javaHome) throws Exception {
    int port = Jmx.freePort();
    try (AgentJvm app = start(javaHome, port); Jmx jmx = Jmx.connect(port, WAIT)) {
      app.awaitReady();
      ObjectName profiler = jmx.await(PROFILER, WAIT);
      assertThat(jmx.get(profiler, "Running")).isEqualTo(false);
      String mode = (String) jmx.invoke(profiler, "start", "cpu", 0);
      assertThat(mode).as("async-profiler runs natively here").startsWith("async-profiler ");
      assertThat(jmx.get(profiler, "Running")).isEqualTo(true);
      assertThat(jmx.get(profiler, "Mode")).isEqualTo(mode);
      // a busy machine gives the spinning thread less CPU: wait for its samples and its CPU time, not a fixed time
      String running = awaitSamples(jmx, profiler);
      assertThat(running).as("a dump while profiling").contains("ProfiledApp.backgroundHotLoop;");
      assertThat(jmx.get(profiler, "Running")).as("a dump does not stop the profile").isEqualTo(true);
      awaitSpinnerCpu(jmx, 500_000_000L); // 50 samples' worth at the 10 ms interval; a dump starts the count afresh
      String jfr = (String) jmx.invoke(profiler, "stop");
      assertThat(jmx.get(profiler, "Running")).isEqualTo(false);
      assertThat(jfr).endsWith(".jfr");
      assertThat(Files.size(Paths.get(jfr))).isPositive();

      String html = (String) jmx.invoke(profiler, "dump", "html");
      assertThat(jmx.get(profiler, "LastOutput")).isEqualTo(html);
      assertThat(Files.readString(Paths.get(html))).startsWith("<!DOCTYPE html>")
          .contains("dev.vigil.its.apps.ProfiledApp.backgroundHotLoop");
      String collapsed = Files.readString(Paths.get((String) jmx.invoke(profiler, "dump", "collapsed")));
      assertThat(collapsed.lines().filter(l -> l.contains("ProfiledApp.backgroundHotLoop"))
          .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum())
          .as("the spinning thread's samples since the last dump").isGreaterThan(20);
      assertThat(jmx.invoke(profiler, "dump", "jfr")).isEqualTo(jfr);

      String timed = (String) jmx.invoke(profiler, "start", "cpu", 1);
      assertThat(timed).isEqualTo(mode);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (Boolean.TRUE.equals(jmx.get(profiler, "Running")) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(jmx.get(profiler, "Running")).as("a timed profile stops by itself").isEqualTo(false);
      app.awaitLine(l -> l.startsWith("[vigil] INFO profile finished: "), WAIT);
    }
  }

  /** Dumps the running profile until it holds a sample of the spinning thread; returns that dump. */
  private static String awaitSamples(Jmx jmx, ObjectName profiler) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String collapsed = Files.readString(Paths.get((String) jmx.invoke(profiler, "dump", "collapsed")));
      if (collapsed.contains("ProfiledApp.backgroundHotLoop") || System.nanoTime() > deadline) {
        return collapsed;
      }
      Thread.sleep(200);
    }
  }

  /** Waits until the application's spinning thread has had {@code nanos} more of CPU time. */
  private static void awaitSpinnerCpu(Jmx jmx, long nanos) throws Exception {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.newPlatformMXBeanProxy(
        jmx.server(), java.lang.management.ManagementFactory.THREAD_MXBEAN_NAME,
        java.lang.management.ThreadMXBean.class);
    long spinner = -1;
    for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().equals("spinner")) {
        spinner = t.getThreadId();
      }
    }
    assertThat(spinner).as("the application's spinning thread").isPositive();
    long target = threads.getThreadCpuTime(spinner) + nanos;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (threads.getThreadCpuTime(spinner) < target && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void perRouteProfileHoldsOnlyThatEndpointsHotMethod(String javaHome) throws Exception {
    int port = Jmx.freePort();
    // No spinning thread here, and a 1 ms interval: many samples on the request threads even on a busy machine.
    try (AgentJvm app = start(javaHome, port, false, "vigil.profiler.interval", "1ms");
        Jmx jmx = Jmx.connect(port, WAIT)) {
      int appPort = app.awaitReady();
      ObjectName profiler = jmx.await(PROFILER, WAIT);
      jmx.invoke(profiler, "start", "cpu", 0);
      drive(appPort, Duration.ofSeconds(4));
      jmx.invoke(profiler, "stop");
      String alpha = Files.readString(Paths.get((String) jmx.invoke(profiler, "dumpRoute", "collapsed", "/alpha/{id}")));
      String beta = Files.readString(Paths.get((String) jmx.invoke(profiler, "dumpRoute", "collapsed", "/beta/{id}")));
      String all = Files.readString(Paths.get((String) jmx.invoke(profiler, "dump", "collapsed")));
      assertThat(all).contains("ProfiledApp.alphaHotLoop", "ProfiledApp.betaHotLoop");
      assertThat(alpha).contains("ProfiledApp.alphaHotLoop").doesNotContain("ProfiledApp.betaHotLoop");
      assertThat(beta).contains("ProfiledApp.betaHotLoop").doesNotContain("ProfiledApp.alphaHotLoop");
      String html = Files.readString(Paths.get((String) jmx.invoke(profiler, "dumpRoute", "html", "/alpha/{id}")));
      assertThat(html).contains("of /alpha/{id}").contains("alphaHotLoop").doesNotContain("betaHotLoop");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void jfrTakesOverWhenTheNativeLibraryIsForcedOff(String javaHome) throws Exception {
    int port = Jmx.freePort();
    // No spinning thread: JFR samples a few threads per period, and the request threads must get their share.
    try (AgentJvm app = start(javaHome, port, false, "vigil.profiler.native", "false",
        "vigil.profiler.interval", "2ms"); Jmx jmx = Jmx.connect(port, WAIT)) {
      int appPort = app.awaitReady();
      ObjectName profiler = jmx.await(PROFILER, WAIT);
      String mode = (String) jmx.invoke(profiler, "start", "cpu", 0);
      assertThat(mode).isEqualTo("jfr cpu (native library off: vigil.profiler.native=false)");
      drive(appPort, Duration.ofSeconds(5));
      jmx.invoke(profiler, "stop");
      String html = Files.readString(Paths.get((String) jmx.invoke(profiler, "dump", "html")));
      assertThat(html).contains("ProfiledApp.alphaHotLoop").contains("ProfiledApp.betaHotLoop").contains("jfr cpu");
      String alpha = Files.readString(Paths.get((String) jmx.invoke(profiler, "dumpRoute", "collapsed", "/alpha/{id}")));
      assertThat(alpha).contains("ProfiledApp.alphaHotLoop").doesNotContain("ProfiledApp.betaHotLoop");
      assertThat(app.output()).contains("profiler uses JFR execution samples: native library off")
          .doesNotContain("libasyncProfiler");
    }
  }

  @org.junit.jupiter.api.Test
  void agentMBeanSwitchesAnInstrumentationOffAndOnAndSetsRunTimeValues() throws Exception {
    int port = Jmx.freePort();
    try (AgentJvm app = start(System.getProperty("java.home"), port, false); Jmx jmx = Jmx.connect(port, WAIT)) {
      int appPort = app.awaitReady();
      ObjectName agent = jmx.await("dev.vigil:type=Agent", WAIT);
      String count = "http_server_request_duration_seconds_count";
      get(appPort, 3);
      assertThat(app.awaitScrape(s -> s.sum(count, "http_route", "/alpha/{id}") >= 3)
          .sum(count, "http_route", "/alpha/{id}")).isEqualTo(3);

      assertThat(jmx.invoke(agent, "setInstrumentationEnabled", "jdk-httpserver", false)).isEqualTo("jdk-httpserver");
      assertThat(jmx.get(agent, "DisabledInstrumentations")).isEqualTo("jdk-httpserver");
      get(appPort, 4); // not recorded: the exact count of 5 below, after two more requests, shows it

      assertThat(jmx.invoke(agent, "setInstrumentationEnabled", "jdk-httpserver", true)).isEqualTo("");
      get(appPort, 2);
      assertThat(app.awaitScrape(s -> s.sum(count, "http_route", "/alpha/{id}") >= 5)
          .sum(count, "http_route", "/alpha/{id}")).isEqualTo(5);
      assertThat(app.output()).contains("[vigil] INFO instrumentation jdk-httpserver switched off over JMX");

      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> jmx.invoke(agent, "setInstrumentationEnabled", "nope", false))
          .hasStackTraceContaining("no instrumentation named nope; names: jdk-httpserver");
      jmx.server().setAttribute(agent, new javax.management.Attribute("TraceSamplingRatio", 0.25));
      assertThat(jmx.get(agent, "TraceSamplingRatio")).isEqualTo(0.25);
      jmx.server().setAttribute(agent, new javax.management.Attribute("LogLevel", "warn"));
      assertThat(jmx.get(agent, "LogLevel")).isEqualTo("warn");
      assertThat((Integer) jmx.get(agent, "Endpoints")).isGreaterThanOrEqualTo(1);
      assertThat((String) jmx.get(agent, "Version")).isNotBlank();
    }
  }

  private static void get(int appPort, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(Http.get("http://127.0.0.1:" + appPort + "/alpha/" + i).statusCode()).isEqualTo(200);
    }
  }

  /** Alternates requests to both endpoints from two client threads for a while. */
  static void drive(int appPort, Duration d) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    Runnable client = () -> {
      for (int i = 0; !stop.get(); i++) {
        Http.get("http://127.0.0.1:" + appPort + (i % 2 == 0 ? "/alpha/" : "/beta/") + i);
      }
    };
    Thread a = new Thread(client);
    Thread b = new Thread(client);
    a.start();
    b.start();
    Thread.sleep(d.toMillis());
    stop.set(true);
    a.join();
    b.join();
  }
}
