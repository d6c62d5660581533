package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.Scrape;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A collector that is down or slow never reaches the app: spans are dropped and counted, shutdown stays bounded. */
class ExportFailureIT {
  private static final String DROPPED = "vigil_exporter_spans_dropped_total";

  @Test
  void collectorDownAppUnaffectedDropsCountedShutdownBounded() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort(); // nothing listens there once closed
    }
    try (AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort)
        .env("OTEL_BSP_SCHEDULE_DELAY", "100").env("OTEL_BSP_EXPORT_TIMEOUT", "1000")
        .env("OTEL_EXPORTER_OTLP_TIMEOUT", "500").sysProp("vigil.exporter.shutdown.timeout", "1s").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int i = 0; i < 50; i++) {
        assertThat(Http.get(base + "/orders/" + i).statusCode()).isEqualTo(200);
      }
      Scrape scrape = app.awaitScrape(s -> s.sum(DROPPED) >= 1);
      assertThat(scrape.sum(DROPPED, "reason", "export_failed") + scrape.sum(DROPPED, "reason", "timeout"))
          .isGreaterThanOrEqualTo(1);
      assertThat(scrape.sum("vigil_exporter_spans_exported_total")).isEqualTo(0);
      assertAccounted(scrape);
      assertThat(app.output()).contains("exporting spans failed").doesNotContain("Exception");

      // spans still queued at shutdown: the hook waits at most vigil.exporter.shutdown.timeout
      for (int i = 0; i < 20; i++) {
        Http.get(base + "/orders/" + i);
      }
      long start = System.nanoTime();
      app.process().destroy(); // SIGTERM: shutdown hooks run
      assertThat(app.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(millis).as("exit took %d ms with a 1 s bound", millis).isLessThan(6_000);
    }
  }

  @Test
  void slowCollectorBoundedQueueCountsDrops() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start().delay(Duration.ofSeconds(3));
        AgentJvm app = AgentJvm.builder(JdkHttpServerApp.class)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "50").env("OTEL_BSP_MAX_QUEUE_SIZE", "32")
            .env("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "8").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int i = 0; i < 300; i++) {
        assertThat(Http.get(base + "/orders/" + i).statusCode()).isEqualTo(200);
      }
      Scrape scrape = app.awaitScrape(s -> s.sum("vigil_exporter_spans_ended_total") >= 300);
      assertThat(scrape.sum(DROPPED, "reason", "queue_full")).isGreaterThan(0);
      assertThat(scrape.sum("vigil_exporter_queue_spans")).as("the queue is bounded").isLessThanOrEqualTo(32 + 8);
      assertAccounted(scrape);
    }
  }

  /** ended = exported + dropped + still queued or in flight: every span is accounted for. */
  private static void assertAccounted(Scrape s) {
    assertThat(s.sum("vigil_exporter_spans_exported_total") + s.sum(DROPPED) + s.sum("vigil_exporter_queue_spans"))
        .isEqualTo(s.sum("vigil_exporter_spans_ended_total"));
  }
}
