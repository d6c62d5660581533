package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same servlet app (test-apps/servers/servlets-*) on six real servers, each in its own forked JVM with the agent
 * jar: javax on Jetty 9.4 (Servlet 3.1), Jetty 10, Tomcat 9; jakarta on Jetty 12 ee10, Tomcat 10.1, Tomcat 11, Undertow 2.3. One
 * javax and one jakarta server also run on Temurin 25.
 */
class ServletServersIT {
  private static final String COUNT = "http_server_request_duration_seconds_count";
  private static final String UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

  static Stream<Arguments> servers() {
    String jdk = System.getProperty("java.home");
    List<Arguments> all = new ArrayList<>(List.of(
        Arguments.of("jetty9", "org.example.servers.jetty9.Jetty9App", jdk),
        Arguments.of("jetty10", "org.example.servers.jetty10.Jetty10App", jdk),
        Arguments.of("jetty12", "org.example.servers.jetty12.Jetty12App", jdk),
        Arguments.of("tomcat9", "org.example.servers.tomcat9.Tomcat9App", jdk),
        Arguments.of("tomcat10", "org.example.servers.tomcat10.TomcatJakartaApp", jdk),
        Arguments.of("tomcat11", "org.example.servers.tomcat10.TomcatJakartaApp", jdk),
        Arguments.of("undertow", "org.example.servers.undertow.UndertowApp", jdk)));
    if (TestApps.hasJdk25()) {
      all.add(Arguments.of("tomcat9", "org.example.servers.tomcat9.Tomcat9App", TestApps.JDK25));
      all.add(Arguments.of("jetty12", "org.example.servers.jetty12.Jetty12App", TestApps.JDK25));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} on {2}")
  @MethodSource("servers")
  void countsEachRequestOnceUnderItsRoute(String server, String mainClass, String javaHome) throws Exception {
    // XNIO's pool (jboss-threads) counts busy threads only when asked to; without it there is no saturation ratio
    try (AgentJvm app = AgentJvm.builder(mainClass).classpath(TestApps.classpath("servers/" + server))
        .sysProp("jboss.threads.eqe.statistics.active-count", "true").javaHome(javaHome).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady() + "/app";
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(base + "/hello").statusCode()).isEqualTo(200);
      }
      for (int i = 0; i < 4; i++) {
        assertThat(Http.get(base + "/api/orders/" + (1000 + i)).body()).isEqualTo("api /app/api/orders/" + (1000 + i));
      }
      assertThat(Http.send("POST", base + "/api/carts/" + UUID + "/items").statusCode()).isEqualTo(200);
      for (int i = 0; i < 2; i++) {
        assertThat(Http.get(base + "/reports/" + (7 + i) + "/view.do").body()).startsWith("report ");
        assertThat(Http.get(base + "/missing/" + i).statusCode()).isEqualTo(404);
        assertThat(Http.get(base + "/secure/data").statusCode()).isEqualTo(401);
      }
      assertThat(Http.get(base + "/secure/data", "X-Token", "let-me-in").statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/boom").statusCode()).isEqualTo(500);
      assertThat(Http.get(base + "/forward").body()).startsWith("hello ");
      HttpResponse<String> async = Http.get(base + "/async");
      assertThat(async.statusCode()).isEqualTo(202);
      assertThat(async.body()).startsWith("accepted ");
      int sent = 18;

      Scrape scrape = app.awaitScrape(s -> s.sum(COUNT) >= sent);
      assertThat(count(scrape, "GET", "/app/hello", "200")).as("exact mapping; the forward is not counted here").isEqualTo(3);
      assertThat(count(scrape, "GET", "/app/api/orders/{id}", "200")).isEqualTo(4);
      assertThat(count(scrape, "POST", "/app/api/carts/{id}/items", "200")).isEqualTo(1);
      // an extension mapping is a template; Servlet 3.1 (Jetty 9.4) does not say which mapping matched
      String reports = server.equals("jetty9") ? "/app/reports/{id}/view.do" : "/app/*.do";
      assertThat(count(scrape, "GET", reports, "200")).isEqualTo(2);
      assertThat(count(scrape, "GET", "_unmatched", "404")).as("the default servlet's 404: no route").isEqualTo(2);
      assertThat(count(scrape, "GET", "/app/secure/data", "401")).as("rejected by the filter").isEqualTo(2);
      assertThat(count(scrape, "GET", "/app/secure/data", "200")).isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/app/boom", "http_response_status_code", "500",
          "error_type", "java.lang.IllegalStateException")).isEqualTo(1);
      assertThat(count(scrape, "GET", "/app/forward", "200")).isEqualTo(1);
      assertThat(count(scrape, "GET", "/app/async", "202")).as("ended at completion, after the async dispatch")
          .isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/app/accepted")).as("the async dispatch is not a request").isZero();
      assertThat(scrape.sum(COUNT)).as("error-page, forward and async dispatches are not counted again")
          .isEqualTo(sent);
      assertThat(scrape.find(COUNT).stream().map(s -> s.labels.get("http_route")))
          .as("no raw path becomes a label").noneMatch(r -> r.matches(".*/\\d+.*") || r.contains(UUID));
      assertThat(scrape.sum("http_server_active_requests")).isEqualTo(0);
      String pool = server.startsWith("jetty") ? "jetty" : server.equals("undertow") ? "XNIO" : "http-nio-127.0.0.1-auto-1-exec";
      assertThat(scrape.find("vigil_executor_threads_max", "executor_name", pool)).as("the server's worker pool: "
          + scrape.find("vigil_executor_threads_max")).hasSize(1);
      assertThat(scrape.sum("vigil_executor_threads_max", "executor_name", pool)).isGreaterThan(1);
      assertThat(scrape.sum("vigil_executor_threads", "executor_name", pool)).isGreaterThan(0);
      assertThat(scrape.find("vigil_executor_queue_depth", "executor_name", pool)).hasSize(1);
      assertThat(scrape.find("vigil_saturation_ratio", "resource", "server/" + pool)).hasSize(1);

      app.awaitLine(l -> l.startsWith("CAUGHT "), AgentJvm.PATIENCE);
      assertThat(app.output()).as("the container's error page got the app's own exception")
          .contains("CAUGHT java.lang.IllegalStateException: boom from the app identity=same");
    }
  }

  private static double count(Scrape scrape, String method, String route, String status) {
    return scrape.sum(COUNT, "http_request_method", method, "http_route", route, "http_response_status_code", status);
  }
}
