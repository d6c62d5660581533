package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.PrometheusServer;
import dev.vigil.its.support.Services;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/vigil-dashboard.json and docs/prometheus/vigil-rules.yml against the real Prometheus server: after it
 * scraped the shop under a load that gives every panel and every alert something to show, each PromQL expression of
 * both must return data. A panel or rule naming a metric, label or route the agent does not export fails here.
 */
class GrafanaQueriesIT {
  private static final Path DASHBOARD = Paths.get("../../docs/grafana/vigil-dashboard.json");
  private static final Path RULES = Paths.get("../../docs/prometheus/vigil-rules.yml");
  private static final Path RULE_TESTS = Paths.get("../../docs/prometheus/vigil-rules.test.yml");
  private static final Duration DATA_DEADLINE = Duration.ofMinutes(3);
  /** Alerts the load below must set off, not only feed: each has its cause in that load. */
  private static final Set<String> PROVOKED = Set.of("VigilErrorBudgetBurnFast", "VigilErrorBurst",
      "VigilLatencyBudgetBurnFast", "VigilNPlusOne", "VigilSpansDropped", "VigilExecutorQueueWait");
  private static final Pattern THRESHOLD = Pattern.compile("\\s*>\\s*[0-9.]+(\\s*\\*\\s*[0-9.]+)?");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void promtoolAcceptsTheRulesAndTheirUnitTests() throws Exception {
    Optional<Path> promtool = ExternalTools.find("promtool");
    ExternalTools.assume(promtool.isPresent(), "promtool is not installed (Debian package prometheus)");
    ExternalTools.Result check = ExternalTools.run(List.of(promtool.get().toString(), "check", "rules",
        RULES.toString()), "");
    assertThat(check.exitCode).as(check.toString()).isZero();
    ExternalTools.Result test = ExternalTools.run(List.of(promtool.get().toString(), "test", "rules",
        RULE_TESTS.toString()), "");
    assertThat(test.exitCode).as(test.toString()).isZero();
    assertThat(test.output).contains("SUCCESS");
  }

  @Test
  void everyDashboardAndRuleQueryReturnsDataFromTheShopUnderLoad() throws Exception {
    Services.require("Redis (the shop's cache)", 6379);
    AtomicBoolean loading = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(6);
    // Two workers and one connection: requests queue for both; the collector's port is closed: spans are dropped.
    try (AgentJvm shop = AgentJvm.builderForJar(ShopIT.shopJar()).sysProp("shop.port", "0")
        .sysProp("shop.threads", "2").sysProp("shop.db.pool", "1").sysProp("shop.redis", "127.0.0.1:6379")
        .sysProp("vigil.overhead.measure", "true").sysProp("vigil.overhead.interval", "2s")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort()).start()) {
      String base = "http://127.0.0.1:" + shop.awaitReady();
      for (int i = 0; i < 6; i++) {
        load.submit(() -> drive(base, loading));
      }
      String target = shop.agentUrl().substring("http://".length());
      try (PrometheusServer prometheus = PrometheusServer.start("vigil", target, RULES.toAbsolutePath())) {
        prometheus.awaitTargetUp(shop.output());
        Map<String, String> queries = dashboardQueries();
        for (JsonNode rule : prometheus.rules()) {
          assertThat(rule.path("health").asText()).as(rule.path("name") + ": " + rule.path("lastError")).isNotEqualTo("err");
          String query = rule.path("query").asText();
          if ("alerting".equals(rule.path("type").asText())) {
            String name = rule.path("name").asText();
            // The signal an alert watches must exist; the alerts the load provokes must also fire.
            queries.put("alert " + name + " (its signal)", THRESHOLD.matcher(query).replaceAll("").replace(" and ", " or "));
            if (PROVOKED.contains(name)) {
              queries.put("alert " + name, query);
            }
          } else {
            queries.put("record " + rule.path("name").asText(), query);
          }
        }
        assertThat(queries).hasSizeGreaterThan(40);
        Map<String, String> empty = awaitData(prometheus, queries, shop.output());
        assertThat(empty).as("queries that returned no data by the deadline").isEmpty();
      }
    } finally {
      loading.set(false);
      load.shutdown();
      load.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /** Every target expression and variable query of the dashboard, keyed by panel, variables given real values. */
  private static Map<String, String> dashboardQueries() throws Exception {
    JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD));
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
            substitute(target.path("expr").asText()));
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
      if (m.matches()) {
        queries.put("variable " + variable.path("name").asText(), "count by (" + m.group(2) + ") (" + substitute(m.group(1)) + ")");
      }
    }
    assertThat(queries).as("the dashboard's queries").hasSizeGreaterThan(30);
    return queries;
  }

  /** What Grafana sends for the variables when "All" is selected and the panel is a few minutes wide. */
  private static String substitute(String expr) {
    return expr.replace("$job", "vigil").replace("$instance", ".*").replace("$route", ".*")
        .replace("$__rate_interval", "1m");
  }

  /** Polls every query until it returns a series; returns those that still had none at the deadline, with why. */
  private static Map<String, String> awaitData(PrometheusServer prometheus, Map<String, String> queries, String agentLog)
      throws Exception {
    Map<String, String> pending = new LinkedHashMap<>(queries);
    Map<String, String> why = new LinkedHashMap<>();
    long deadline = System.nanoTime() + DATA_DEADLINE.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      for (String name : new ArrayList<>(pending.keySet())) {
        String query = pending.get(name);
        JsonNode result = prometheus.result(query); // fails at once on a query Prometheus refuses
        if (result.size() > 0) {
          pending.remove(name);
        } else {
          why.put(name, query);
        }
      }
      if (!pending.isEmpty()) {
        Thread.sleep(1000);
      }
    }
    why.keySet().retainAll(pending.keySet());
    return why;
  }

  /** One user: every route of the shop, over and over, until told to stop. */
  private static void drive(String base, AtomicBoolean loading) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String[] paths = {"/products", "/products/1", "/products/2", "/products/3", "/stock-report", "/error", "/slow"};
    int i = 0;
    while (loading.get()) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + paths[i % paths.length]))
            .timeout(Duration.ofSeconds(30));
        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (i % 10 == 0) {
          client.send(HttpRequest.newBuilder(URI.create(base + "/orders")).timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\": 1, \"quantity\": 1}")).build(),
              HttpResponse.BodyHandlers.discarding());
        }
      } catch (Exception e) {
        // the shop is stopping; the loop ends with the flag
      }
      i++;
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
