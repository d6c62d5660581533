package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDK's com.sun.net.httpserver with the real agent jar, on JDK 17 and (when installed) Temurin 25. */
class JdkHttpServerIT {
  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void countsEveryRequestPerRouteAndStatus(String javaHome) throws Exception {
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class).javaHome(javaHome).start()) {
      int port = app.awaitReady();
      String base = "http://127.0.0.1:" + port;
      for (int i = 0; i < 7; i++) {
        assertThat(Http.get(base + "/orders/" + (1000 + i)).statusCode()).isEqualTo(200);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(base + "/missing/" + i).statusCode()).isEqualTo(404);
      }
      Http.send("POST", base + "/carts/3fa85f64-5717-4562-b3fc-2c963f66afa6/items");
      try {
        Http.send("POST", base + "/boom"); // the server closes the connection (POST: the client does not retry)
      } catch (IllegalStateException expected) {
        // the client sees the failure the app caused
      }

      String count = "http_server_request_duration_seconds_count";
      Scrape scrape = app.awaitScrape(s -> s.sum(count) >= 12);
      assertThat(scrape.sum(count, "http_request_method", "GET", "http_route", "/orders/{id}",
          "http_response_status_code", "200")).isEqualTo(7);
      assertThat(scrape.sum(count, "http_route", "_unmatched", "http_response_status_code", "404"))
          .as("the default context's 404: no route matched").isEqualTo(3);
      assertThat(scrape.find(count, "http_route", "/missing/{id}")).isEmpty();
      assertThat(scrape.sum(count, "http_request_method", "POST", "http_route", "/carts/{id}/items")).isEqualTo(1);
      assertThat(scrape.sum(count, "http_request_method", "POST", "http_route", "/boom", "http_response_status_code", "500",
          "error_type", "java.lang.IllegalStateException")).isEqualTo(1);
      assertThat(scrape.sum(count)).isEqualTo(12);
      assertThat(scrape.find(count).stream().map(s -> s.labels.get("http_route")))
          .as("no raw path becomes a label").noneMatch(r -> r.matches(".*/\\d+.*"));
      assertThat(scrape.find("vigil_http_server_latency_seconds", "http_route", "/orders/{id}", "quantile", "0.99"))
          .hasSize(1);
      assertThat(scrape.sum("http_server_active_requests", "http_route", "/orders/{id}")).isEqualTo(0);
      assertThat(app.signals()).contains("\"route\" : \"/orders/{id}\"");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void appSeesExactlyItsOwnException(String javaHome) throws Exception {
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class).javaHome(javaHome).start()) {
      int port = app.awaitReady();
      assertThat(Http.get("http://127.0.0.1:" + port + "/guarded/boom").statusCode()).isEqualTo(500);
      app.awaitLine(l -> l.startsWith("CAUGHT "), AgentJvm.PATIENCE);
      assertThat(app.output()).contains("CAUGHT java.lang.IllegalStateException: boom from the app identity=same");
      Scrape scrape = app.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 1);
      assertThat(scrape.sum("http_server_request_duration_seconds_count", "http_route", "/guarded/boom",
          "http_response_status_code", "500", "error_type", "500")).isEqualTo(1);
    }
  }
}
