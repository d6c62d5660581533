package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.CpuBurnApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.Scrape;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The CPU budget through the real jar: the application burns CPU in traced requests while the agent measures its own
 * share ({@code vigil_agent_cpu_ratio}); a tiny budget lowers the trace sampling ratio, a large one leaves it at 1.
 */
@Isolated("the agent's CPU time is measured against a budget")
class CpuBudgetIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  void aTinyBudgetLowersTraceSamplingButNotTheMetrics() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start(); AgentJvm app = burning(receiver, "0.0001").start();
        Load load = new Load("http://127.0.0.1:" + app.awaitReady() + "/burn")) {
      Scrape scrape = poll(app, s -> !s.find("vigil_trace_sampling_ratio").isEmpty()
          && s.sum("vigil_trace_sampling_ratio") < 1.0);
      assertThat(scrape.sum("vigil_trace_sampling_ratio")).as(app.output()).isLessThan(1.0);
      assertThat(scrape.sum("vigil_agent_cpu_budget_ratio")).isEqualTo(0.0001);
      assertThat(scrape.find("vigil_agent_cpu_ratio")).hasSize(1);
      assertThat(scrape.sum("vigil_agent_cpu_ratio")).isGreaterThan(0.0001).isLessThanOrEqualTo(1.0);
      assertThat(app.output()).contains("[vigil] INFO trace sampling lowered from 1 to ");

      long served = load.ok.get();
      Scrape later = poll(app, s -> s.sum("http_server_request_duration_seconds_count") >= served + 200);
      assertThat(later.sum("http_server_request_duration_seconds_count")).as("metrics count every request")
          .isGreaterThanOrEqualTo(served + 200);
      assertThat(later.sum("vigil_exporter_spans_ended_total")).as("but fewer requests are traced")
          .isLessThan(later.sum("http_server_request_duration_seconds_count"));
      assertThat(load.failed.get()).isZero();
    }
  }

  @Test
  void aLargeBudgetKeepsEveryTrace() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start(); AgentJvm app = burning(receiver, "0.9").start();
        Load load = new Load("http://127.0.0.1:" + app.awaitReady() + "/burn")) {
      Set<Double> measured = new HashSet<>(); // each new value of the agent's CPU counter is a window closed under load
      Scrape scrape = poll(app, s -> {
        if (s.sum("http_server_request_duration_seconds_count") > 0) {
          measured.add(s.sum("vigil_agent_cpu_seconds_total"));
        }
        // JFR samples a few times a second and recording code is a sliver of a burning request: wait for a sample
        return measured.size() >= 4 && s.sum("vigil_agent_cpu_seconds_total", "thread", "application") > 0;
      });
      assertThat(measured).as(app.output()).hasSizeGreaterThanOrEqualTo(4);
      assertThat(scrape.sum("vigil_trace_sampling_ratio")).isEqualTo(1.0);
      assertThat(scrape.sum("vigil_agent_cpu_ratio")).isGreaterThan(0.0).isLessThan(0.9);
      assertThat(scrape.sum("vigil_agent_cpu_seconds_total", "thread", "application"))
          .as("recording code sampled on the request threads").isGreaterThan(0.0);
      assertThat(app.output()).doesNotContain("trace sampling lowered");
      load.close();
      Scrape idle = poll(app, s -> s.sum("vigil_exporter_spans_ended_total") == load.ok.get()
          && s.sum("http_server_request_duration_seconds_count") == load.ok.get());
      assertThat(idle.sum("vigil_exporter_spans_ended_total")).as("every request traced").isEqualTo(load.ok.get());
      assertThat(load.failed.get()).isZero();
    }
  }

  private static AgentJvm.Builder burning(OtlpReceiver receiver, String maxCpu) {
    return AgentJvm.builder(CpuBurnApp.class)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .env("OTEL_BSP_SCHEDULE_DELAY", "200")
        .sysProp("vigil.overhead.max_cpu", maxCpu)
        .sysProp("vigil.overhead.interval", "1s");
  }

  private static Scrape poll(AgentJvm app, Predicate<Scrape> done) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Scrape last = new Scrape(app.scrape());
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = new Scrape(app.scrape());
    }
    return last;
  }

  /** Two threads sending requests back to back until closed. */
  private static final class Load implements AutoCloseable {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread[] threads = new Thread[2];

    Load(String url) {
      for (int i = 0; i < threads.length; i++) {
        threads[i] = new Thread(() -> {
          while (running.get()) {
            (Http.get(url).statusCode() == 200 ? ok : failed).incrementAndGet();
          }
        }, "load-" + i);
        threads[i].setDaemon(true);
        threads[i].start();
      }
    }

    /** Stops the load; returns when every request sent has its answer. Calling it twice is harmless. */
    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(10_000);
      }
    }
  }
}
