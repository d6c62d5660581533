package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Spring Boot shop's executable jar (test-apps/spring-shop) with the agent: routes are Spring MVC's patterns, with
 * the context path. JDK 17 at the root context; Temurin 25 (when installed) under context path /shop.
 */
class SpringShopIT {
  private static final String COUNT = "http_server_request_duration_seconds_count";

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>(List.of(Arguments.of(System.getProperty("java.home"), "")));
    if (TestApps.hasJdk25()) {
      runs.add(Arguments.of(TestApps.JDK25, "/shop"));
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{0}, context path \"{1}\"")
  @MethodSource("runs")
  void routesAreSpringPatterns(String javaHome, String contextPath) throws Exception {
    String jar = TestApps.file("spring-shop", "target/spring-shop.jar").toString();
    try (AgentJvm app = AgentJvm.builder("org.springframework.boot.loader.launch.JarLauncher").classpath(jar)
        .javaHome(javaHome).sysProp("server.servlet.context-path", contextPath).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady() + contextPath;
      for (int i = 1; i <= 5; i++) {
        assertThat(Http.get(base + "/owners/" + i).body()).contains("\"id\":" + i);
      }
      for (int i = 1; i <= 3; i++) {
        assertThat(Http.get(base + "/owners/7/pets/" + i).statusCode()).isEqualTo(200);
      }
      for (int i = 0; i < 2; i++) {
        assertThat(Http.send("POST", base + "/owners").statusCode()).isEqualTo(201);
      }
      assertThat(Http.get(base + "/owners/9/boom").statusCode()).isEqualTo(500);
      assertThat(Http.get(base + "/owners/3/visits").statusCode()).isEqualTo(202);
      int sent = 12;

      Scrape scrape = app.awaitScrape(s -> s.sum(COUNT) >= sent);
      assertThat(count(scrape, "GET", contextPath + "/owners/{ownerId}", "200")).isEqualTo(5);
      assertThat(count(scrape, "GET", contextPath + "/owners/{ownerId}/pets/{petId}", "200")).isEqualTo(3);
      assertThat(count(scrape, "POST", contextPath + "/owners", "201")).isEqualTo(2);
      assertThat(count(scrape, "GET", contextPath + "/owners/{ownerId}/visits", "202")).as("async, ended at completion")
          .isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", contextPath + "/owners/{ownerId}/boom", "http_response_status_code",
          "500", "error_type", "java.lang.IllegalStateException")).as("the controller's exception, unwrapped").isEqualTo(1);
      assertThat(scrape.sum(COUNT)).as("Boot's /error and async dispatches are not counted again").isEqualTo(sent);
      assertThat(scrape.find(COUNT).stream().map(s -> s.labels.get("http_route")))
          .as("no raw path becomes a label").noneMatch(r -> r.matches(".*/\\d+.*"));
      assertThat(scrape.sum("http_server_active_requests")).isEqualTo(0);

      app.awaitLine(l -> l.startsWith("CAUGHT "), AgentJvm.PATIENCE);
      assertThat(app.output()).contains("CAUGHT java.lang.IllegalStateException: boom from the shop identity=same");
    }
  }

  private static double count(Scrape scrape, String method, String route, String status) {
    return scrape.sum(COUNT, "http_request_method", method, "http_route", route, "http_response_status_code", status);
  }
}
