package dev.vigil.agent.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.exporter.http.HttpEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every field of the /vigil/api/ contract the page relies on, and the error answers. */
class ApiContractTest {
  private final Fixture f = new Fixture("/products/{id}").requests(20, 5, 200).sql("select ?", 20, 1)
      .outbound("127.0.0.1", 8080, 4, 2);
  private final Insight insight = new Insight(VigilConfig.of(Map.of("vigil.service.name", "shop",
      "vigil.ui.trace_url", "http://localhost:16686/trace/{trace_id}", "vigil.slo./products/{id}.p99", "200ms"),
      Map.of()), f.registry, null, null, null, null, null);

  private String get(String path, String query, int status) throws Exception {
    HttpEndpoint.Response r = insight.endpoints().get(path).handle(Map.of(), query);
    assertThat(r.status).as(path + "?" + query).isEqualTo(status);
    assertThat(r.contentType).isEqualTo("application/json");
    return new String(r.body, StandardCharsets.UTF_8);
  }

  private static void hasFields(String json, List<String> fields) {
    for (String field : fields) {
      assertThat(json).as(field).contains("\"" + field + "\":");
    }
  }

  @Test
  void overviewRowsCarryTheSignalsAndASparkline() throws Exception {
    insight.tick();
    String json = get("/vigil/api/overview", "", 200);
    hasFields(json, List.of("service", "now_ms", "window_seconds", "history_minutes", "routes", "method", "route",
        "rate_per_s", "error_pct", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "apdex", "apdex_rating", "in_flight",
        "healthy", "spark", "minute_ms"));
    assertThat(json).contains("\"service\":\"shop\"").contains("\"apdex_rating\":\"Excellent\"");
  }

  @Test
  void routeCarriesHistoryDependenciesPoolsProfileAndTraceUrl() throws Exception {
    String json = get("/vigil/api/route", "method=GET&route=%2Fproducts%2F%7Bid%7D", 200);
    hasFields(json, List.of("history", "p50_ms", "sql", "statement", "db_system", "count", "per_request", "total_ms",
        "n_plus_one", "outbound", "host", "share_of_route_time", "cache", "pools", "profile", "available", "url",
        "trace_url"));
    assertThat(json).contains("\"host\":\"127.0.0.1:8080\"").contains("\"cache\":null")
        .contains("\"trace_url\":\"http://localhost:16686/trace/{trace_id}\"");
    assertThat(get("/vigil/api/route", "method=GET&route=%2Fnope", 404)).contains("\"error\":");
    assertThat(get("/vigil/api/route", "route=%2Fnope", 400)).contains("\"error\":");
    assertThat(get("/vigil/api/route", "method=GET&route=%zz", 400)).contains("\"error\":");
  }

  @Test
  void saturationAndDiagnosisHaveEverySection() throws Exception {
    hasFields(get("/vigil/api/saturation", "", 200), List.of("executors", "connection_pools", "server_pools", "gc",
        "time_ratio", "heap_after_gc_ratio", "cpu", "process", "system", "virtual_threads", "pinned_total"));
    String diagnosis = get("/vigil/api/diagnosis", "", 200);
    hasFields(diagnosis, List.of("routes", "healthy", "causes", "anomalies", "slo", "objective", "burn_rate",
        "budget_left"));
    assertThat(diagnosis).contains("\"objective\":\"p99 < 200 ms\"");
  }
}
