package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One JAX-RS application on Jersey 3.1 and RESTEasy 6.2 (Tomcat 10.1), Jersey 4.0 and RESTEasy 7.0 (Tomcat 11), with the
 * real agent: each request counts once under the template the framework matched, under the servlet's base path, and
 * its SERVER span carries that route.
 */
class JaxRsIT {
  private static final String COUNT = "http_server_request_duration_seconds_count";

  @ParameterizedTest(name = "{0}")
  @CsvSource({"jersey3, org.example.servers.jersey.JerseyApp", "jersey4, org.example.servers.jersey.JerseyApp",
      "resteasy6, org.example.servers.resteasy.ResteasyApp", "resteasy7, org.example.servers.resteasy.ResteasyApp"})
  void countsEachRequestUnderItsPathTemplate(String module, String mainClass) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(mainClass)
            .classpath(TestApps.classpath("servers/" + module))
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady() + "/app/api";
      for (int id = 1; id <= 3; id++) {
        assertThat(Http.get(base + "/owners/" + id).body()).isEqualTo("owner " + id);
      }
      assertThat(Http.send("POST", base + "/owners/9").statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/owners").body()).isEqualTo("owners");
      for (String pet : List.of("rex", "tom")) {
        assertThat(Http.get(base + "/owners/7/pets/" + pet).body()).isEqualTo("pet " + pet + " of 7");
      }
      assertThat(Http.get(base + "/boom/now").statusCode()).isEqualTo(500);
      assertThat(Http.get(base + "/nothing/here").statusCode()).isEqualTo(404);
      int sent = 9;

      Scrape scrape = app.awaitScrape(s -> s.sum(COUNT) >= sent);
      assertThat(count(scrape, "GET", "/app/api/owners/{id}", "200")).as("regex dropped from {id: [0-9]+}").isEqualTo(3);
      assertThat(count(scrape, "POST", "/app/api/owners/{id}", "200")).isEqualTo(1);
      assertThat(count(scrape, "GET", "/app/api/owners", "200")).isEqualTo(1);
      assertThat(count(scrape, "GET", "/app/api/owners/{id}/pets/{petId}", "200")).as("through the locator").isEqualTo(2);
      assertThat(count(scrape, "GET", "/app/api/boom/{kind}", "500")).isEqualTo(1);
      assertThat(count(scrape, "GET", "_unmatched", "404")).as("no resource matched").isEqualTo(1);
      assertThat(scrape.sum(COUNT)).as("each request counted once").isEqualTo(sent);

      List<ReceivedSpan> spans = receiver.await(s -> s.size() >= sent, AgentJvm.PATIENCE);
      List<ReceivedSpan> pets = spans.stream().filter(s -> s.name.equals("GET /app/api/owners/{id}/pets/{petId}"))
          .collect(Collectors.toList());
      assertThat(pets).as("the locator's requests among %s", spans).hasSize(2)
          .allSatisfy(p -> assertThat(p.attributes).containsEntry("http.route", "/app/api/owners/{id}/pets/{petId}"));
      assertThat(TracingIT.one(spans, "GET /app/api/boom/{kind}").attributes)
          .containsEntry("http.response.status_code", "500");
    }
  }

  private static double count(Scrape scrape, String method, String route, String status) {
    return scrape.sum(COUNT, "http_request_method", method, "http_route", route, "http_response_status_code", status);
  }
}
