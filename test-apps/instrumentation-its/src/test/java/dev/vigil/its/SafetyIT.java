package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.ListeningPorts;
import dev.vigil.its.support.Scrape;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the configuration or the machine does wrong, the application starts and serves, and the log says why. */
class SafetyIT {
  private static final Duration STARTED = AgentJvm.STARTUP;

  @TempDir
  Path dir;

  @Test
  void badValuesLogOneLineEachNamingKeyValueAndDefault() throws Exception {
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class)
        .sysProp("vigil.apdex.threshold", "soon")
        .sysProp("vigil.metrics.max_endpoints", "lots")
        .sysProp("vigil.jvm.metrics.enabled", "maybe")
        .start()) {
      int port = app.awaitReady();
      assertServes(port);
      app.agentUrl(); // the agent started, with its endpoint
      assertOneLine(app, "[vigil] WARN", "vigil.apdex.threshold=soon", "default 500ms");
      assertOneLine(app, "[vigil] WARN", "vigil.metrics.max_endpoints=lots", "default 500");
      assertOneLine(app, "[vigil] WARN", "vigil.jvm.metrics.enabled=maybe", "default true");
      Scrape scrape = app.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 1);
      assertThat(scrape.sum("http_server_request_duration_seconds_count", "http_route", "/orders/{id}")).isEqualTo(1);
      assertThat(scrape.find("jvm_threads")).as("the default (true) applies").isNotEmpty();
    }
  }

  @Test
  void aPortInUseLogsOneErrorAndTheApplicationServes() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int takenPort = taken.getLocalPort();
      try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class)
          .sysProp("vigil.prometheus.port", Integer.toString(takenPort)).start()) {
        int port = app.awaitReady();
        app.awaitLine(l -> l.startsWith("[vigil] INFO started"), STARTED);
        assertServes(port);
        assertOneLine(app, "[vigil] ERROR", ":" + takenPort, "vigil.prometheus.port", "in use");
        assertThat(app.output()).doesNotContain("metrics at");
        assertThat(errorLines(app)).hasSize(1);
      }
    }
  }

  @Test
  void disabledMeansNoPortNoMetricsAndTheApplicationServes() throws Exception {
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class).sysProp("vigil.enabled", "false").start()) {
      int port = app.awaitReady();
      app.awaitLine(l -> l.contains("disabled (vigil.enabled=false)"), STARTED);
      assertServes(port);
      assertThat(app.output()).doesNotContain("metrics at").doesNotContain("[vigil] WARN").doesNotContain("ERROR");
      if (ListeningPorts.supported()) {
        assertThat(ListeningPorts.of(app.process().pid())).as("only the application's own port").containsExactly(port);
      }
    }
  }

  @Test
  void aDisabledInstrumentationRecordsNothingWhileTheEndpointServes() throws Exception {
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class)
        .sysProp("vigil.instrumentation.jdk-httpserver.enabled", "false").sysProp("vigil.log.level", "debug")
        .start()) {
      int port = app.awaitReady();
      app.awaitLine(l -> l.startsWith("[vigil] INFO started"), STARTED);
      assertOneLine(app, "[vigil] INFO", "instrumentation jdk-httpserver is off");
      for (int i = 0; i < 5; i++) {
        assertServes(port);
      }
      // Nothing can be recorded later: the server's classes were never woven (every weaving is logged at debug)
      assertThat(app.output()).contains("[vigil] DEBUG instrumented ")
          .doesNotContain("[vigil] DEBUG instrumented com.sun.net.httpserver");
      Scrape scrape = new Scrape(app.scrape());
      assertThat(scrape.find("jvm_threads")).as("the endpoint itself works").isNotEmpty();
      assertThat(scrape.find("http_server_request_duration_seconds_count")).isEmpty();
      assertThat(scrape.find("http_server_active_requests")).isEmpty();
      if (ListeningPorts.supported()) {
        int agentPort = URI.create(app.agentUrl()).getPort();
        assertThat(ListeningPorts.of(app.process().pid())).containsExactlyInAnyOrder(port, agentPort);
      }
    }
  }

  @Test
  void aMissingConfigFileWarnsAndTheApplicationServes() throws Exception {
    Path absent = dir.resolve("no-such-vigil.properties");
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class).sysProp("vigil.config", absent.toString()).start()) {
      int port = app.awaitReady();
      app.agentUrl();
      assertServes(port);
      assertOneLine(app, "[vigil] WARN", absent.toString(), "vigil.config");
      app.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 1);
    }
  }

  @Test
  void aConfigFileIsRead() throws Exception {
    Path file = dir.resolve("vigil.properties");
    Files.writeString(file, "vigil.prometheus.port=0\nvigil.service.name=from-file\n");
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class).unsetSysProp("vigil.prometheus.port")
        .sysProp("vigil.config", file.toString()).start()) {
      int port = app.awaitReady();
      assertThat(URI.create(app.agentUrl()).getPort()).isNotEqualTo(9464);
      assertServes(port);
      assertThat(app.signals()).contains("\"service\" : \"from-file\"");
    }
  }

  @Test
  void agentArgumentsConfigureTheAgent() throws Exception {
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class).unsetSysProp("vigil.prometheus.port")
        .agentArgs("prometheus.port=0,service.name=from-args").start()) {
      int port = app.awaitReady();
      assertThat(URI.create(app.agentUrl()).getPort()).as("port 0 from the agent arguments").isNotEqualTo(9464);
      assertServes(port);
      assertThat(app.signals()).contains("\"service\" : \"from-args\"");
      app.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 1);
    }
  }

  private static void assertServes(int port) {
    assertThat(Http.get("http://127.0.0.1:" + port + "/orders/1").statusCode()).isEqualTo(200);
  }

  /** Exactly one line of the output contains all the given parts. */
  private static void assertOneLine(AgentJvm app, String... parts) {
    List<String> lines = app.output().lines().filter(l -> {
      for (String p : parts) {
        if (!l.contains(p)) {
          return false;
        }
      }
      return true;
    }).collect(Collectors.toList());
    assertThat(lines).as("lines with %s in:%n%s", List.of(parts), app.output()).hasSize(1);
  }

  private static List<String> errorLines(AgentJvm app) {
    return app.output().lines().filter(l -> l.contains("ERROR")).collect(Collectors.toList());
  }
}
