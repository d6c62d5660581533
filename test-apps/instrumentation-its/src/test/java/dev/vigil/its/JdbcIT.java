package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.apps.JdbcApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.Services;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JDBC through HikariCP with the real agent jar: exact operation counts per (system, operation, table), no literal
 * anywhere Vigil writes, N+1 findings, and pool gauges of a saturated pool. H2 always (JDK 17 and 25); PostgreSQL and
 * MariaDB on their standard ports when they run.
 */
class JdbcIT {
  private static final String DURATION = "db_client_operation_duration_seconds_count";
  private static final String[] SECRETS = {"SECRET-123", "987654321"};

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void h2(String javaHome) throws Exception {
    String table = table();
    run(javaHome, "h2database", table, "jdbc:h2:mem:vigil;DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Test
  void postgresql() throws Exception {
    Services.require("PostgreSQL", 5432);
    run(System.getProperty("java.home"), "postgresql", table(), "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
  }

  @Test
  void mariadb() throws Exception {
    Services.require("MariaDB", 3306);
    run(System.getProperty("java.home"), "mariadb", table(), "jdbc:mariadb://127.0.0.1:3306/test", "root", "");
  }

  private void run(String javaHome, String system, String table, String url, String user, String password)
      throws Exception {
    try (AgentJvm app = AgentJvm.builder(JdbcApp.class).javaHome(javaHome)
        .arg(url).arg(user).arg(password.isEmpty() ? "" : password).arg(table).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      try {
        get(base, "/setup");
        get(base, "/items");
        get(base, "/items");
        get(base, "/nplus1");
        get(base, "/nplus1");
        get(base, "/literal");
        get(base, "/batch");
        assertThat(Http.get(base + "/error").statusCode()).isEqualTo(500);
      } finally {
        Http.get(base + "/teardown");
      }

      Scrape scrape = app.awaitScrape(s -> s.sum(DURATION, "db_operation_name", "DROP") >= 1);
      String[] sys = {"db_system_name", system, "db_collection_name", table};
      assertThat(count(scrape, sys, "CREATE")).isEqualTo(1);
      assertThat(count(scrape, sys, "INSERT")).isEqualTo(2); // the batch, the literal insert
      assertThat(count(scrape, sys, "SELECT")).isEqualTo(2 + 2 * 11 + 1);
      assertThat(count(scrape, sys, "UPDATE")).isEqualTo(2);
      assertThat(count(scrape, sys, "DROP")).isEqualTo(1);
      List<Scrape.Sample> failed = scrape.find(DURATION, "db_system_name", system, "db_operation_name", "SELECT",
          "db_collection_name", table + "_missing");
      assertThat(failed).hasSize(1);
      assertThat(failed.get(0).value).isEqualTo(1);
      assertThat(failed.get(0).labels.get("error_type")).matches("[0-9A-Z]{5}");
      assertThat(scrape.find(DURATION, "db_collection_name", table)).allMatch(s -> s.labels.get("error_type") == null);

      assertThat(scrape.sum("vigil_db_n_plus_one_total", "http_route", "/nplus1", "db_system_name", system))
          .isEqualTo(2);
      assertThat(scrape.find("vigil_db_n_plus_one_total", "http_route", "/items")).isEmpty();
      JsonNode findings = new ObjectMapper().readTree(app.signals()).get("n_plus_one");
      assertThat(findings).hasSize(1);
      JsonNode finding = findings.get(0);
      assertThat(finding.get("route").asText()).isEqualTo("/nplus1");
      assertThat(finding.get("statement").asText()).isEqualTo("SELECT name FROM " + table + " WHERE id = ?");
      assertThat(finding.get("count").asInt()).isEqualTo(10);
      assertThat(finding.get("occurrences").asInt()).isEqualTo(2);
      assertThat(app.output().lines().filter(l -> l.contains("N+1 queries"))).hasSize(1)
          .allMatch(l -> l.startsWith("[vigil] WARN") && l.contains("/nplus1"));

      String everything = app.scrape() + app.signals() + app.output();
      for (String secret : SECRETS) {
        assertThat(everything).as("a literal leaked").doesNotContain(secret);
      }
      assertThat(app.output().lines().filter(l -> l.startsWith("[vigil] WARN") && !l.contains("N+1 queries")))
          .as("no instrumentation or recording failure").isEmpty();
    }
  }

  @Test
  void saturatedPoolShowsPendingRequestsAndWaits() throws Exception {
    try (AgentJvm app = AgentJvm.builder(JdbcApp.class)
        .arg("jdbc:h2:mem:pool;DB_CLOSE_DELAY=-1").arg("sa").arg("").arg(table()).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      get(base, "/items-none"); // starts the pool
      String[] pool = {"db_client_connection_pool_name", "vigil-it"};
      List<CompletableFuture<Void>> slow = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        slow.add(CompletableFuture.runAsync(() -> get(base, "/slow")));
      }
      String[] used = {"db_client_connection_pool_name", "vigil-it", "db_client_connection_state", "used"};
      Scrape busy = app.awaitScrape(s -> s.sum("db_client_connection_pending_requests", pool) > 0
          && s.sum("db_client_connection_count", used) == 2);
      assertThat(busy.sum("db_client_connection_pending_requests", pool)).isGreaterThan(0);
      assertThat(busy.sum("db_client_connection_max", pool)).isEqualTo(2);
      assertThat(busy.sum("db_client_connection_count", used)).isEqualTo(2);
      CompletableFuture.allOf(slow.toArray(new CompletableFuture[0])).join();

      Scrape after = app.awaitScrape(s -> s.sum("db_client_connection_wait_time_seconds_count", pool) >= 5);
      assertThat(after.sum("db_client_connection_wait_time_seconds_count", pool)).isEqualTo(5);
      assertThat(after.sum("db_client_connection_wait_time_seconds_bucket", "db_client_connection_pool_name",
          "vigil-it", "le", "0.5")).as("the two requests that queued waited over 0.5 s").isLessThanOrEqualTo(3);
      assertThat(after.sum("db_client_connection_wait_time_seconds_sum", pool)).isGreaterThan(1.0);
      assertThat(after.sum("db_client_connection_pending_requests", pool)).isEqualTo(0);
      assertThat(after.sum("db_client_connection_count", "db_client_connection_pool_name", "vigil-it",
          "db_client_connection_state", "used")).isEqualTo(0);
    }
  }

  private static double count(Scrape scrape, String[] labels, String operation) {
    String[] all = new String[labels.length + 2];
    System.arraycopy(labels, 0, all, 0, labels.length);
    all[labels.length] = "db_operation_name";
    all[labels.length + 1] = operation;
    return scrape.sum(DURATION, all);
  }

  private static void get(String base, String path) {
    int status = Http.get(base + path).statusCode();
    assertThat(status).as(path).isEqualTo(200);
  }

  /** A table of its own per run: other tests may use the same database at the same time. */
  private static String table() {
    Random r = new Random();
    StringBuilder s = new StringBuilder("vigil_items_");
    for (int i = 0; i < 8; i++) {
      s.append((char) ('a' + r.nextInt(26)));
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }
}
