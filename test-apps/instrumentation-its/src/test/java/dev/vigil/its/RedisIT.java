package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.apps.RedisApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Redis through Jedis (current and the previous major) and Lettuce (sync, async, transaction, reactive) with the real
 * agent jar
 * against the Redis on 127.0.0.1:6379: exact counts per command, exact cache hits and misses, and no key, value or
 * password anywhere Vigil writes.
 */
class RedisIT {
  private static final String DURATION = "db_client_operation_duration_seconds_count";
  private static final String[] SECRETS = {"KEYSECRET", "VALSECRET", "PWSECRET"};
  /** Per client run of {@link RedisApp}: command to count. */
  private static final Map<String, Integer> COUNTS = Map.ofEntries(Map.entry("SET", 3), Map.entry("GET", 5),
      Map.entry("MGET", 1), Map.entry("HSET", 1), Map.entry("HGET", 2), Map.entry("HMGET", 1), Map.entry("GETEX", 1),
      Map.entry("GETDEL", 2), Map.entry("INCR", 1), Map.entry("DEL", 1));

  @BeforeAll
  static void redisRuns() { // also used by RedisTracingIT
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
    } catch (Exception e) {
      String message = "Redis is not running on 127.0.0.1:6379";
      if ("1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"))) {
        throw new AssertionError(message + " and VIGIL_REQUIRE_SERVICES=1");
      }
      Assumptions.abort(message + ": skipped (set VIGIL_REQUIRE_SERVICES=1 to fail instead)");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void jedis(String javaHome) throws Exception {
    try (AgentJvm app = start(AgentJvm.builder(RedisApp.class).javaHome(javaHome))) {
      Scrape scrape = runTwice(app, "/jedis", 0);
      assertThat(scrape.find(DURATION, "db_system_name", "redis", "db_operation_name", "AUTH"))
          .as("Jedis sends AUTH outside its command path: not recorded").isEmpty();
      assertClean(app);
    }
  }

  @Test
  void jedisPreviousMajor() throws Exception {
    Path older = Files.list(Paths.get(System.getProperty("its.older-clients.dir")))
        .filter(p -> p.getFileName().toString().startsWith("jedis-7.")).findFirst().orElseThrow();
    String classpath = Arrays.stream(AgentJvm.appClasspath().split(File.pathSeparator))
        .map(e -> e.matches(".*/jedis-[0-9.]+\\.jar") ? older.toString() : e)
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classpath).contains(older.toString()).doesNotContain("jedis-8");
    try (AgentJvm app = start(AgentJvm.builder(RedisApp.class.getName()).classpath(classpath))) {
      runTwice(app, "/jedis", 0);
      assertClean(app);
    }
  }

  @Test
  void lettuce() throws Exception {
    try (AgentJvm app = start(AgentJvm.builder(RedisApp.class))) {
      Scrape scrape = runTwice(app, "/lettuce", 1);
      assertThat(count(scrape, "MULTI")).isEqualTo(2);
      assertThat(count(scrape, "EXEC")).isEqualTo(2);
      assertThat(scrape.sum(DURATION, "db_system_name", "redis", "db_operation_name", "AUTH"))
          .as("the refused AUTH, as an error").isEqualTo(2);
      assertThat(scrape.find(DURATION, "db_operation_name", "AUTH")).allMatch(s -> s.labels.get("error_type") != null);
      assertClean(app);
    }
  }

  private static AgentJvm start(AgentJvm.Builder builder) throws Exception {
    String prefix = "vigil-it-" + UUID.randomUUID() + "-";
    return builder.arg("127.0.0.1").arg("6379").arg(prefix).start();
  }

  /**
   * Runs the sequence twice (counts must double: nothing is lost or counted twice after warm-up) and checks them;
   * {@code reactiveGets} more GETs (hits) per run than the common sequence.
   */
  private static Scrape runTwice(AgentJvm app, String path, int reactiveGets) throws Exception {
    String base = "http://127.0.0.1:" + app.awaitReady();
    for (int i = 0; i < 2; i++) {
      java.net.http.HttpResponse<String> r = Http.get(base + path);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).endsWith("auth refused");
    }
    Scrape scrape = app.awaitScrape(s -> count(s, "DEL") >= 2 && hits(s, "miss") >= 12);
    COUNTS.forEach((command, n) -> assertThat(count(scrape, command)).as(command)
        .isEqualTo(2 * (n + (command.equals("GET") ? reactiveGets : 0))));
    long hits = 2 * (9 + reactiveGets);
    assertThat(hits(scrape, "hit")).isEqualTo(hits);
    assertThat(hits(scrape, "miss")).isEqualTo(12);
    assertThat(scrape.find(DURATION, "db_system_name", "redis")).isNotEmpty()
        .allMatch(s -> s.labels.get("db_collection_name") == null);
    JsonNode cache = new ObjectMapper().readTree(app.signals()).get("cache");
    assertThat(cache).hasSize(1);
    assertThat(cache.get(0).get("db_system_name").asText()).isEqualTo("redis");
    assertThat(cache.get(0).get("hits").asLong()).isEqualTo(hits);
    assertThat(cache.get(0).get("misses").asLong()).isEqualTo(12);
    assertThat(cache.get(0).get("hit_ratio").asDouble()).isEqualTo(Math.round(1000.0 * hits / (hits + 12)) / 1000.0);
    return scrape;
  }

  private static void assertClean(AgentJvm app) {
    String everything = app.scrape() + app.scrapeOpenMetrics() + app.signals() + app.output();
    for (String secret : SECRETS) {
      assertThat(everything).as("a key, value or password leaked").doesNotContain(secret);
    }
    assertThat(app.output().lines().filter(l -> l.startsWith("[vigil] WARN")))
        .as("no instrumentation or recording failure").isEmpty();
  }

  private static double count(Scrape scrape, String command) {
    return scrape.sum(DURATION, "db_system_name", "redis", "db_operation_name", command);
  }

  private static double hits(Scrape scrape, String result) {
    return scrape.sum("vigil_cache_requests_total", "db_system_name", "redis", "result", result);
  }
}
