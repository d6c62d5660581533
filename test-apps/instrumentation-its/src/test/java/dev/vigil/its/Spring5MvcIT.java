package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import org.junit.jupiter.api.Test;

/**
 * Spring MVC 5 (javax) on Tomcat 9 (test-apps/servers/spring5): its DispatcherServlet is path-mapped ({@code /api/*})
 * under context path {@code /petclinic}, so the route is context path + servlet path + Spring's pattern.
 */
class Spring5MvcIT {
  private static final String COUNT = "http_server_request_duration_seconds_count";

  @Test
  void routesAreSpringPatternsUnderContextAndServletPath() throws Exception {
    try (AgentJvm app = AgentJvm.builder("org.example.servers.spring5.Spring5App")
        .classpath(TestApps.classpath("servers/spring5")).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady() + "/petclinic/api";
      for (int i = 1; i <= 3; i++) {
        assertThat(Http.get(base + "/vets/" + i + "/specialties/surgery").body()).isEqualTo("vet " + i + " surgery");
      }
      assertThat(Http.get(base + "/vets/4/boom").statusCode()).isEqualTo(500);
      assertThat(Http.get(base + "/nothing/5").statusCode()).isEqualTo(404);

      Scrape scrape = app.awaitScrape(s -> s.sum(COUNT) >= 5);
      assertThat(scrape.sum(COUNT, "http_route", "/petclinic/api/vets/{vetId}/specialties/{name}",
          "http_response_status_code", "200")).isEqualTo(3);
      assertThat(scrape.sum(COUNT, "http_route", "/petclinic/api/vets/{vetId}/boom", "http_response_status_code", "500",
          "error_type", "java.lang.IllegalStateException")).as("unwrapped from Spring's NestedServletException")
          .isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "_unmatched", "http_response_status_code", "404"))
          .as("no handler: no route matched").isEqualTo(1);
      assertThat(scrape.sum(COUNT)).isEqualTo(5);
      assertThat(scrape.sum("http_server_active_requests")).isEqualTo(0);
    }
  }
}
