package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.Services;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The shop on PostgreSQL with its Redis cache-aside ({@code -Dshop.redis}), with the real agent: cache misses then hits
 * on {@code /products/{id}}, and the deliberate N+1 of {@code /stock-report} flagged with its counts.
 */
class ShopCacheIT {
  private static final String STATEMENT = "SELECT id, name, price_cents, stock FROM shop_product WHERE id = ?";

  @Test
  void cacheAsideHitsAfterFirstMissAndNPlusOneIsFlagged() throws Exception {
    Services.require("PostgreSQL", 5432);
    Services.require("Redis", 6379);
    try (AgentJvm app = AgentJvm.builderForJar(Paths.get(System.getProperty("vigil.shop.jar"))).sysProp("shop.port", "0")
        .sysProp("shop.db", "postgres").sysProp("shop.redis", "127.0.0.1:6379").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int id : new int[] {1, 1, 1, 2, 2}) {
        assertThat(Http.get(base + "/products/" + id).statusCode()).isEqualTo(200);
      }
      for (int i = 0; i < 2; i++) {
        assertThat(Http.get(base + "/stock-report").statusCode()).isEqualTo(200);
      }
      Scrape scrape = app.awaitScrape(s -> s.sum("vigil_db_n_plus_one_total") >= 2
          && s.sum("vigil_cache_requests_total") >= 5);
      assertThat(scrape.sum("vigil_cache_requests_total", "db_system_name", "redis", "result", "miss"))
          .as("the first read of each product").isEqualTo(2);
      assertThat(scrape.sum("vigil_cache_requests_total", "db_system_name", "redis", "result", "hit")).isEqualTo(3);
      String[] redis = {"db_system_name", "redis", "db_operation_name"};
      assertThat(scrape.sum("db_client_operation_duration_seconds_count", concat(redis, "GET"))).isEqualTo(5);
      assertThat(scrape.sum("db_client_operation_duration_seconds_count", concat(redis, "SETEX"))).isEqualTo(2);
      assertThat(scrape.sum("db_client_operation_duration_seconds_count", "db_system_name", "postgresql",
          "db_operation_name", "SELECT", "db_collection_name", "shop_product"))
          .as("2 misses, then 2 x (1 list + 8 items)").isEqualTo(2 + 2 * 9);

      assertThat(scrape.sum("vigil_db_n_plus_one_total", "http_route", "/stock-report", "db_system_name", "postgresql"))
          .isEqualTo(2);
      assertThat(scrape.find("vigil_db_n_plus_one_total", "http_route", "/products/{id}")).isEmpty();
      JsonNode signals = new ObjectMapper().readTree(app.signals());
      JsonNode finding = signals.get("n_plus_one").get(0);
      assertThat(signals.get("n_plus_one")).hasSize(1);
      assertThat(finding.get("route").asText()).isEqualTo("/stock-report");
      assertThat(finding.get("statement").asText()).isEqualTo(STATEMENT);
      assertThat(finding.get("count").asInt()).isEqualTo(8);
      assertThat(finding.get("occurrences").asInt()).isEqualTo(2);
      JsonNode cache = signals.get("cache").get(0);
      assertThat(cache.get("hits").asLong()).isEqualTo(3);
      assertThat(cache.get("misses").asLong()).isEqualTo(2);
      assertThat(cache.get("hit_ratio").asDouble()).isEqualTo(0.6);
      assertThat(app.scrape() + app.signals()).as("no cache key or value").doesNotContain("shop:")
          .doesNotContain("Ceramic");
    }
  }

  private static String[] concat(String[] labels, String last) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
    all[labels.length] = last;
    return all;
  }
}
