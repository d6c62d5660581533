package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.apps.ExecutorApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real JDK executors with the real agent jar: a saturated pool's exact gauges, rejections and timings, pool names that
 * stay the same across runs, the saturation summary, context across every kind of hand-off without a leak, and
 * virtual-thread pinning found through JFR (Temurin 25).
 */
class ExecutorIT {
  private static final String ORDERS = "orders-worker";

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void saturatedPoolShowsExactQueueRejectionsAndWaits(String javaHome) throws Exception {
    Set<String> firstRun;
    try (AgentJvm app = AgentJvm.builder(ExecutorApp.class).javaHome(javaHome).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/saturate").body()).isEqualTo("rejected 4");

      Scrape held = new Scrape(app.scrape());
      assertThat(gauge(held, "vigil_executor_threads_active")).isEqualTo(2);
      assertThat(gauge(held, "vigil_executor_threads")).isEqualTo(2);
      assertThat(gauge(held, "vigil_executor_threads_max")).isEqualTo(2);
      assertThat(gauge(held, "vigil_executor_queue_depth")).isEqualTo(3);
      assertThat(gauge(held, "vigil_executor_queue_remaining")).isEqualTo(0);
      assertThat(gauge(held, "vigil_executor_tasks_rejected_total")).isEqualTo(4);
      assertThat(gauge(held, "vigil_executor_queue_wait_seconds_count")).as("the two running tasks").isEqualTo(0);
      assertThat(held.sum("vigil_saturation_ratio", "resource", "executor/" + ORDERS)).isEqualTo(1.0);
      JsonNode signals = new ObjectMapper().readTree(app.signals());
      assertThat(signals.get("most_saturated").asText()).isEqualTo("executor/" + ORDERS);
      JsonNode top = signals.get("saturation").get(0);
      assertThat(top.get("busy").asInt()).isEqualTo(2);
      assertThat(top.get("capacity").asInt()).isEqualTo(2);
      assertThat(top.get("waiting").asInt()).isEqualTo(3);

      assertThat(Http.get(base + "/release").body()).isEqualTo("completed 5");
      Scrape done = app.awaitScrape(s -> gauge(s, "vigil_executor_task_duration_seconds_count") >= 5);
      assertThat(gauge(done, "vigil_executor_task_duration_seconds_count")).isEqualTo(5);
      assertThat(gauge(done, "vigil_executor_queue_wait_seconds_count")).as("2 started at once, 3 queued")
          .isEqualTo(5);
      assertThat(gauge(done, "vigil_executor_tasks_completed_total")).isEqualTo(5);
      assertThat(gauge(done, "vigil_executor_queue_depth")).isEqualTo(0);
      assertThat(gauge(done, "vigil_executor_threads_active")).isEqualTo(0);
      firstRun = names(done);
      assertThat(firstRun).contains(ORDERS, "http-handler", "ExecutorApp.route");
      assertThat(firstRun).noneMatch(n -> n.matches(".*pool-\\d+.*|.*\\d+$"));
    }
    try (AgentJvm again = AgentJvm.builder(ExecutorApp.class).javaHome(javaHome).start()) {
      String base = "http://127.0.0.1:" + again.awaitReady();
      Http.get(base + "/saturate");
      Http.get(base + "/release");
      assertThat(names(again.awaitScrape(s -> names(s).containsAll(firstRun)))).as("names stable across runs")
          .isEqualTo(firstRun);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void contextFollowsEveryHandOffAndNeverStaysOnAPooledThread(String javaHome) throws Exception {
    try (AgentJvm app = AgentJvm.builder(ExecutorApp.class).javaHome(javaHome).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      String result = Http.get(base + "/context").body();
      Matcher m = Pattern.compile("tasks (\\d+) right (\\d+) wrong (\\d+) probes (\\d+) leaked (\\d+)").matcher(result);
      assertThat(m.matches()).as(result).isTrue();
      int tasks = Integer.parseInt(m.group(1));
      assertThat(tasks).isGreaterThanOrEqualTo(10_000);
      assertThat(Integer.parseInt(m.group(2))).as(result).isEqualTo(tasks);
      assertThat(Integer.parseInt(m.group(3))).as(result).isZero();
      assertThat(Integer.parseInt(m.group(5))).as("pooled threads holding a context after their task: " + result)
          .isZero();
    }
  }

  @Test
  void aPoolThatComparesItsTasksGetsThemUnwrapped() throws Exception {
    try (AgentJvm app = AgentJvm.builder(ExecutorApp.class).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/priority").body()).isEqualTo("order 123");
    }
  }

  @Test
  void virtualThreadPinningIsCountedAndItsStackLoggedOncePerSite() throws Exception {
    Assumptions.assumeTrue(TestApps.hasJdk25(), "Temurin 25 is not installed");
    try (AgentJvm app = AgentJvm.builder(ExecutorApp.class).javaHome(TestApps.JDK25).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(new Scrape(app.scrape()).find("vigil_jvm_virtual_threads_pinned_total"))
          .as("no JFR stream before the first virtual thread").isEmpty();
      assertThat(Http.get(base + "/vthreads").body()).isEqualTo("warm");
      app.awaitScrape(s -> !s.find("vigil_jvm_virtual_threads_pinned_total").isEmpty()); // the JFR stream runs
      assertThat(Http.get(base + "/pin").body()).isEqualTo("pinned");
      assertThat(Http.get(base + "/pin").body()).isEqualTo("pinned");
      // JFR delivers its events in batches about a second apart: wait for both counts, not the first to arrive
      Scrape scrape = app.awaitScrape(s -> s.sum("vigil_jvm_virtual_threads_pinned_total") >= 1
          && s.sum("vigil_jvm_virtual_threads_started_total") >= 4);
      assertThat(scrape.sum("vigil_jvm_virtual_threads_pinned_total")).as("class initializer: once, it runs once")
          .isGreaterThanOrEqualTo(1);
      assertThat(scrape.sum("vigil_jvm_virtual_threads_started_total")).isGreaterThanOrEqualTo(4);
      app.awaitLine(l -> l.contains("virtual thread pinned"), AgentJvm.PATIENCE);
      // a virtual thread started after the pins is seen only once JFR has delivered everything before it: then a
      // second report of the same pin would be in the log too
      double started = new Scrape(app.scrape()).sum("vigil_jvm_virtual_threads_started_total");
      assertThat(Http.get(base + "/vthreads").body()).isEqualTo("warm");
      app.awaitScrape(s -> s.sum("vigil_jvm_virtual_threads_started_total") > started);
      assertThat(app.output().lines().filter(l -> l.contains("virtual thread pinned")).count())
          .as("the initializer pinned once (JDK 24+ no longer pins in synchronized): logged once").isEqualTo(1);
      assertThat(app.output()).contains("at dev.vigil.its.apps.VirtualThreads$SlowInit.<clinit>");
    }
  }

  private static double gauge(Scrape scrape, String name) {
    return scrape.sum(name, "executor_name", ORDERS);
  }

  private static Set<String> names(Scrape scrape) {
    Set<String> names = new TreeSet<>();
    scrape.find("vigil_executor_threads_max").forEach(s -> names.add(s.labels.get("executor_name")));
    return names;
  }
}
