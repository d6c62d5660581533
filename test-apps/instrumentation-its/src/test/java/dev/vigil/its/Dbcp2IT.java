package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.Dbcp2App;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Apache DBCP2 with the real agent jar: the same db_client_connection_* series as HikariCP, saturation included. */
class Dbcp2IT {
  private static final String[] POOL = {"db_client_connection_pool_name", "org.apache.commons.dbcp2:name=vigil-dbcp"};

  @Test
  void poolGaugesWaitsAndTimeouts() throws Exception {
    try (AgentJvm app = AgentJvm.builder(Dbcp2App.class).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(base + "/query").statusCode()).isEqualTo(200);
      }
      List<CompletableFuture<Integer>> holds = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        holds.add(CompletableFuture.supplyAsync(() -> Http.get(base + "/hold").statusCode()));
      }
      Scrape busy = app.awaitScrape(s -> s.sum("db_client_connection_count", label("used")) == 2);
      assertThat(busy.sum("db_client_connection_count", label("used"))).isEqualTo(2);
      assertThat(busy.sum("db_client_connection_max", POOL)).isEqualTo(2);
      assertThat(Http.get(base + "/query").statusCode()).as("the pool is exhausted: the borrow times out").isEqualTo(503);
      for (CompletableFuture<Integer> h : holds) {
        assertThat(h.join()).isEqualTo(200);
      }
      Scrape after = app.awaitScrape(s -> s.sum("db_client_connection_wait_time_seconds_count", POOL) >= 6);
      assertThat(after.sum("db_client_connection_wait_time_seconds_count", POOL)).isEqualTo(6);
      assertThat(after.sum("db_client_connection_timeouts_total", POOL)).isEqualTo(1);
      assertThat(after.sum("db_client_connection_count", label("used"))).isEqualTo(0);
      assertThat(after.sum("db_client_connection_count", label("idle"))).isEqualTo(2);
      assertThat(app.output().lines().filter(l -> l.startsWith("[vigil] WARN"))).isEmpty();
    }
  }

  private static String[] label(String state) {
    return new String[] {POOL[0], POOL[1], "db_client_connection_state", state};
  }
}
