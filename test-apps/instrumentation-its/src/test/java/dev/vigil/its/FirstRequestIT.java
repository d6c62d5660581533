package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.FirstRequestApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request served after premain returns is counted: the instrumentation is installed in premain, not beside the
 * application's start-up. The first request is the application's very first action once it listens.
 */
class FirstRequestIT {
  private static final String COUNT = "http_server_request_duration_seconds_count";

  @ParameterizedTest(name = "JDK HttpServer on {0}")
  @MethodSource("dev.vigil.its.support.TestApps#jdks")
  void theRequestServedTheMomentTheAppListensIsCounted(String javaHome) throws Exception {
    try (AgentJvm app = AgentJvm.builder(FirstRequestApp.class).javaHome(javaHome).start()) {
      app.awaitReady();
      assertThat(app.output()).contains("FIRST 200");
      Scrape scrape = app.awaitScrape(s -> s.sum(COUNT) >= 1);
      assertThat(scrape.sum(COUNT, "http_route", "/first", "http_response_status_code", "200")).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "Jetty 12 on {0}")
  @MethodSource("dev.vigil.its.support.TestApps#jdks")
  void aServletServersFirstRequestIsCounted(String javaHome) throws Exception {
    try (AgentJvm app = AgentJvm.builder("org.example.servers.jetty12.Jetty12App")
        .classpath(TestApps.classpath("servers/jetty12")).javaHome(javaHome).start()) {
      String base = "http://127.0.0.1:" + app.awaitLine(l -> l.startsWith("READY "), Duration.ofSeconds(60))
          .substring("READY ".length()).trim() + "/app";
      assertThat(Http.get(base + "/hello").statusCode()).as("sent as soon as the server listens").isEqualTo(200);
      Scrape scrape = app.awaitScrape(s -> s.sum(COUNT) >= 1);
      assertThat(scrape.sum(COUNT, "http_route", "/app/hello")).isEqualTo(1);
    }
  }
}
