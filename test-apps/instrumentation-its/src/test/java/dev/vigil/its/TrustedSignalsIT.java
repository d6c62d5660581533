package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.apps.HousekeepingApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What people read first must be true: background pools that do no work are not "saturated", a library the
 * application does not use shows no series, and an N+1 finding has one count on the span, on /metrics and on
 * /vigil/signals.
 */
class TrustedSignalsIT {
  private static final String CLEANUP = "AbandonedConnectionCleanupThread";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  /** HousekeepingApp's own pools: its HTTP server's, the scheduled "ticker", "reports", and its connection pool. */
  private static final List<String> APP_RESOURCES =
      List.of("executor/web", "executor/ticker", "executor/reports", "db_pool/app-db");

  @Test
  void housekeepingAndScheduledPoolsAreNotSaturation() throws Exception {
    Path mysql = Files.list(Paths.get(System.getProperty("its.unused-drivers.dir")))
        .filter(p -> p.getFileName().toString().startsWith("mysql-connector-j-")).findFirst().orElseThrow();
    String classpath = AgentJvm.appClasspath() + File.pathSeparator + mysql;
    try (AgentJvm app = AgentJvm.builder(HousekeepingApp.class.getName()).classpath(classpath).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/db").body()).isEqualTo("db 1");
      // the conditions of the report: MySQL's cleanup thread runs one endless task, the scheduled pool holds two
      // tasks due in an hour after running one
      Scrape scrape = app.awaitScrape(s -> s.sum("vigil_executor_threads_active", "executor_name", CLEANUP) == 1
          && s.sum("vigil_executor_tasks_completed_total", "executor_name", "ticker") >= 1);
      assertThat(scrape.sum("vigil_executor_threads_max", "executor_name", CLEANUP)).isEqualTo(1);
      assertThat(scrape.find("vigil_executor_threads_max").stream().map(s -> s.labels.get("executor_name")))
          .as("Hikari's own pools are there").anyMatch(n -> n.startsWith("app-db"));
      assertThat(scrape.find("vigil_saturation_ratio").stream().map(s -> s.labels.get("resource")))
          .as("only the application's own pools rank, no driver or pool upkeep").isSubsetOf(APP_RESOURCES)
          .contains("executor/ticker", "db_pool/app-db");
      assertThat(scrape.sum("vigil_executor_queue_depth", "executor_name", "ticker"))
          .as("tasks due in an hour are no backlog").isZero();

      JsonNode signals = new ObjectMapper().readTree(app.signals());
      List<String> ranked = new ArrayList<>();
      signals.get("saturation").forEach(r -> ranked.add(r.get("resource").asText()));
      assertThat(ranked).isSubsetOf(APP_RESOURCES);
      signals.get("saturation").forEach(r -> {
        if (r.get("resource").asText().equals("executor/ticker")) {
          assertThat(r.get("waiting").asInt()).isZero();
        }
      });
      JsonNode top = signals.get("most_saturated");
      assertThat(top.isNull() || APP_RESOURCES.contains(top.asText())).as(signals.toString()).isTrue();

      assertThat(Http.get(base + "/hold").body()).isEqualTo("held");
      try {
        JsonNode busy = new ObjectMapper().readTree(app.signals());
        assertThat(busy.get("most_saturated").asText()).as("real work still ranks first").isEqualTo("executor/reports");
        assertThat(busy.get("saturation").get(0).get("waiting").asInt()).isEqualTo(1);
      } finally {
        Http.get(base + "/release");
      }
    }
  }

  @Test
  void theShopWithoutRedisHasNoRedisSeries() throws Exception {
    try (AgentJvm app = AgentJvm.builderForJar(Paths.get(System.getProperty("vigil.shop.jar")))
        .sysProp("shop.port", "0").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/products/1").statusCode()).isEqualTo(200);
      Scrape scrape = app.awaitScrape(s -> s.sum("db_client_operation_duration_seconds_count") >= 1);
      assertThat(scrape.samples()).as("the shop has Jedis on its class path but no Redis configured")
          .noneMatch(s -> "redis".equals(s.labels.get("db_system_name")));
      assertThat(scrape.find("vigil_cache_requests_total")).isEmpty();
      assertThat(scrape.samples()).as("no outbound HTTP call: no HTTP client series")
          .noneMatch(s -> s.name.startsWith("http_client_")
              || "http.client.request.duration".equals(s.labels.get("metric")));
      assertThat(new ObjectMapper().readTree(app.signals()).get("cache")).isEmpty();
    }
  }

  @Test
  void anNPlusOneFindingHasOneCountOnTheSpanOnMetricsAndOnSignals() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builderForJar(Paths.get(System.getProperty("vigil.shop.jar"))).sysProp("shop.port", "0")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      String traceparent = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
      assertThat(Http.get(base + "/stock-report", "traceparent", traceparent).statusCode()).isEqualTo(200);
      Scrape scrape = app.awaitScrape(s -> s.sum("vigil_db_n_plus_one_total") >= 1);
      JsonNode signals = new ObjectMapper().readTree(app.signals());

      List<ReceivedSpan> spans = receiver.await(s -> s.stream().anyMatch(x -> x.name.equals("GET /stock-report")),
          AgentJvm.PATIENCE);
      ReceivedSpan report = TracingIT.one(spans, "GET /stock-report");
      assertThat(report.traceId).isEqualTo(TRACE_ID);
      ReceivedSpan.Event event = report.events.stream().filter(e -> e.name.equals("vigil.n_plus_one")).findFirst()
          .orElseThrow();
      String statement = event.attributes.get("db.query.text");
      List<ReceivedSpan> repeated = spans.stream()
          .filter(s -> s.parentSpanId.equals(report.spanId) && statement.equals(s.attributes.get("db.query.text")))
          .collect(Collectors.toList());
      int count = Integer.parseInt(event.attributes.get("vigil.n_plus_one.count"));
      assertThat(count).as("the span event counts every statement of the trace").isEqualTo(repeated.size())
          .isEqualTo(8);
      assertThat(scrape.sum("vigil_db_n_plus_one_queries_total", "http_route", "/stock-report")).isEqualTo(count);
      assertThat(scrape.sum("vigil_db_n_plus_one_total", "http_route", "/stock-report")).isEqualTo(1);
      JsonNode finding = signals.get("n_plus_one").get(0);
      assertThat(finding.get("statement").asText()).isEqualTo(statement);
      assertThat(finding.get("count").asInt()).isEqualTo(count);
      assertThat(finding.get("occurrences").asInt()).isEqualTo(1);
      assertThat(finding.get("example_trace_id").asText()).isEqualTo(TRACE_ID);
    }
  }

}
