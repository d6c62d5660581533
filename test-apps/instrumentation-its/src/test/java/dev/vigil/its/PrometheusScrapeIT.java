package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.PrometheusServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's endpoint as Prometheus tooling sees it: promtool lints the text format, a strict OpenMetrics parser (the
 * Python client's, Debian package python3-prometheus-client) reads the OpenMetrics format, and a real Prometheus server
 * scrapes the agent and answers queries with the request count this test sent.
 *
 * <p>promtool 2.42 reads stdin with the text 0.0.4 parser only: on OpenMetrics it reports correct counters (TYPE
 * without _total) as "no help text", so it is not used for OpenMetrics. The Prometheus server negotiates OpenMetrics
 * (its Accept header prefers application/openmetrics-text 1.0.0), so its successful scrape is a second OpenMetrics
 * check.
 */
class PrometheusScrapeIT {
  private static final int ORDERS = 17;
  private static AgentJvm app;
  private static OtlpReceiver receiver;

  @BeforeAll
  static void startAppAndSendTraffic() throws Exception {
    receiver = OtlpReceiver.start(); // traces on: the OpenMetrics buckets carry exemplars, the exporter its counters
    app = AgentJvm.builder(JdkHttpServerApp.class).env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).start();
    String base = "http://127.0.0.1:" + app.awaitReady();
    for (int i = 0; i < ORDERS; i++) {
      assertThat(Http.get(base + "/orders/" + (500 + i)).statusCode()).isEqualTo(200);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(Http.get(base + "/missing/" + i).statusCode()).isEqualTo(404);
    }
    assertThat(Http.get(base + "/guarded/boom").statusCode()).isEqualTo(500);
    app.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= ORDERS + 4);
  }

  @AfterAll
  static void stopApp() {
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void promtoolAcceptsTheTextFormat() throws Exception {
    Optional<Path> promtool = ExternalTools.find("promtool");
    ExternalTools.assume(promtool.isPresent(), "promtool is not installed (Debian package prometheus)");
    HttpResponse<String> scrape = Http.get(app.agentUrl() + "/metrics");
    assertThat(scrape.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(scrape.body()).contains("# TYPE http_server_request_duration_seconds histogram",
        "# TYPE vigil_http_server_latency_seconds summary", "# TYPE jvm_class_loaded_total counter");

    ExternalTools.Result r = ExternalTools.run(List.of(promtool.get().toString(), "check", "metrics"), scrape.body());
    // promtool: 0 clean, 3 lint findings, 1 the text does not parse. Clean is required.
    assertThat(r.exitCode).as("promtool %s", r).isZero();
    assertThat(r.output.lines().filter(l -> !l.isBlank())).as("promtool findings").isEmpty();
  }

  @Test
  void aStrictOpenMetricsParserReadsTheOpenMetricsFormat() throws Exception {
    Optional<Path> python = Stream.of("/usr/bin/python3", "python3").map(ExternalTools::find)
        .flatMap(Optional::stream).filter(PrometheusScrapeIT::hasOpenMetricsParser).findFirst();
    ExternalTools.assume(python.isPresent(),
        "python3 with prometheus_client is not installed (Debian package python3-prometheus-client)");
    HttpResponse<String> scrape = Http.get(app.agentUrl() + "/metrics", "Accept",
        "application/openmetrics-text; version=1.0.0");
    assertThat(scrape.headers().firstValue("content-type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    String script = "import sys\n"
        + "from prometheus_client.openmetrics.parser import text_string_to_metric_families\n"
        + "for f in text_string_to_metric_families(sys.stdin.read()):\n"
        + "    total = sum(s.value for s in f.samples if s.name == f.name + '_count'"
        + " and s.labels.get('http_route') == '/orders/{id}')\n"
        + "    print('FAMILY', f.name, f.type, f.unit or '-', len(f.samples), int(total))\n"
        + "    for s in f.samples:\n"
        + "        if s.exemplar: print('EXEMPLAR', f.name, s.exemplar.labels['trace_id'])\n";
    ExternalTools.Result r = ExternalTools.run(List.of(python.get().toString(), "-c", script), scrape.body());
    assertThat(r.exitCode).as("OpenMetrics parser %s", r).isZero();
    assertThat(r.output).contains("FAMILY http_server_request_duration_seconds histogram seconds")
        .contains("FAMILY jvm_class_loaded counter - 1 0")
        .contains("FAMILY vigil_http_server_latency_seconds summary seconds")
        .containsPattern("FAMILY http_server_request_duration_seconds histogram seconds \\d+ " + ORDERS + "\n")
        .containsPattern("EXEMPLAR http_server_request_duration_seconds [0-9a-f]{32}\n");
  }

  private static boolean hasOpenMetricsParser(Path python) {
    try {
      return ExternalTools.run(List.of(python.toString(), "-c", "import prometheus_client.openmetrics.parser"), "")
          .exitCode == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void prometheusScrapesTheAgentAndCountsTheRequests() throws Exception {
    String target = app.agentUrl().substring("http://".length());
    try (PrometheusServer prometheus = PrometheusServer.start("vigil", target, null)) {
      JsonNode up = prometheus.awaitTargetUp(app.output());
      assertThat(up.path("lastError").asText()).isEmpty();
      assertThat(up.path("scrapeUrl").asText()).isEqualTo(app.agentUrl() + "/metrics");

      String query = "sum(http_server_request_duration_seconds_count{http_route=\"/orders/{id}\"})";
      JsonNode result = prometheus.await(() -> {
        JsonNode r = prometheus.result(query);
        return r.size() == 1 && r.get(0).path("value").get(1).asText().equals(Integer.toString(ORDERS)) ? r : null;
      }, Duration.ofSeconds(90), app.output());
      assertThat(result.get(0).path("value").get(1).asText()).isEqualTo(Integer.toString(ORDERS));

      JsonNode missing = prometheus.result(
          "sum(http_server_request_duration_seconds_count{http_route=\"_unmatched\",http_response_status_code=\"404\"})");
      assertThat(missing.get(0).path("value").get(1).asText()).isEqualTo("3");
    }
  }
}
