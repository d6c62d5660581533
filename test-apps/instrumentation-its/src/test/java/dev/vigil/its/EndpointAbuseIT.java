package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AbusiveClients;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Jmx;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The agent's own endpoint under abuse, with the real jar on the shop (512 MB heap, traces on): 1,000 idle connections,
 * a client dripping its request, one that never reads, oversized headers, other methods and malformed request lines, all
 * at once. Meanwhile another client's scrapes must succeed, no slower than a second over scrapes without abuse, and the
 * endpoint itself must never show up as a series or a span.
 */
@Isolated("scrape latency under abuse is compared with a calm one")
class EndpointAbuseIT {
  private static final int SCRAPES = 15;
  private static final int SHOP_REQUESTS = 10;
  private static final String COUNT = "http_server_request_duration_seconds_count";

  @Test
  void anotherClientsScrapeSucceedsWhileTheEndpointIsAbused() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builderForJar(TestApps.file("shop", "target/vigil-shop.jar")).jvmArg("-Xmx512m")
            .sysProp("shop.port", "0").env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      int agentPort = URI.create(app.agentUrl()).getPort();
      for (int i = 0; i < SHOP_REQUESTS; i++) {
        assertThat(Http.get(base + "/products").statusCode()).isEqualTo(200);
      }
      long pid = app.process().pid();
      long threadsIdle = Jmx.threads(pid); // the endpoint not yet used: no worker
      List<Long> calm = scrapes(agentPort);

      List<Long> abused;
      long threadsAbused;
      long abuseSent;
      long abuseCut;
      try (AbusiveClients abuse = AbusiveClients.start(agentPort, 1_000)) {
        Thread.sleep(2_000); // every abuser is connected and holding its worker
        abused = scrapes(agentPort);
        threadsAbused = Jmx.threads(pid);
        abuseSent = abuse.sent.get();
        abuseCut = abuse.cutOff.get();
      }
      List<Long> calmAgain = scrapes(agentPort);
      calm.addAll(calmAgain);
      long threadsAfter = awaitThreadsAtMost(pid, threadsIdle);

      Scrape scrape = new Scrape(app.scrape());
      assertThat(scrape.sum(COUNT)).as("only the shop's requests: the endpoint records nothing of itself")
          .isEqualTo(SHOP_REQUESTS);
      List<ReceivedSpan> spans = receiver.await(s -> s.size() >= SHOP_REQUESTS, Duration.ofSeconds(30));
      assertThat(spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_SERVER))
          .as("no span of the endpoint's own requests").hasSize(SHOP_REQUESTS)
          .allMatch(s -> "/products".equals(s.attributes.get("url.path")));
      long calmMedian = median(calm);
      long abusedMedian = median(abused);
      assertThat(abusedMedian - calmMedian).as("median scrape under abuse against without, ms").isLessThan(1_000);
      assertThat(threadsAfter).as("the workers end once the abuse stops").isLessThanOrEqualTo(threadsIdle);
      HostileReport.print("endpoint abuse",
          String.format("%d scrapes under abuse, all 200: median %d ms, max %d ms (without abuse: median %d ms, max %d"
              + " ms)", abused.size(), abusedMedian, Collections.max(abused), calmMedian, Collections.max(calm)),
          String.format("1,000 idle connections, a client dripping a byte a second, one never reading, 1 MiB headers,"
              + " 7 other methods, 6 malformed requests; connections cut by the server %,d; threads %d idle, %d under"
              + " abuse, %d after", abuseCut, threadsIdle, threadsAbused, threadsAfter),
          String.format("%,d abusive requests", abuseSent),
          "none: every scrape answered; no series or span of the endpoint itself (the dripper is cut at the 5 s request"
              + " deadline and reconnects)");
    }
  }

  /** Scrapes one after the other on fresh connections; each must be a 200 with the metrics; returns their ms. */
  private static List<Long> scrapes(int port) throws IOException {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < SCRAPES; i++) {
      long start = System.nanoTime();
      String answer = scrape(port);
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("http_server_request_duration_seconds_bucket");
    }
    return millis;
  }

  private static String scrape(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  private static long awaitThreadsAtMost(long pid, long most) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long now = Jmx.threads(pid);
    while (now > most && System.nanoTime() < deadline) {
      Thread.sleep(200);
      now = Jmx.threads(pid);
    }
    return now;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
