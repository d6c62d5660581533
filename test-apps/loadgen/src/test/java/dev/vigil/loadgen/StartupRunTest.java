package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up probe against a real local server whose "agent" missed its first five requests. */
class StartupRunTest {
  private static final int MISSED = 5;
  @TempDir Path dir;

  @Test
  void firstOkThroughputInTheWindowAndTheFirstCountedRequest() throws Exception {
    AtomicLong served = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/products", ex -> {
      served.incrementAndGet();
      ex.sendResponseHeaders(200, 2);
      ex.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
      ex.close();
    });
    server.createContext("/metrics", ex -> {
      byte[] body = ("# TYPE http_server_request_duration_seconds histogram\n"
          + "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_route=\"/products/{id}\","
          + "http_response_status_code=\"200\"} " + (served.get() - MISSED) + "\n"
          + "http_server_request_duration_seconds_count{http_request_method=\"GET\",http_route=\"/other\","
          + "http_response_status_code=\"200\"} 1000\n").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      int port = server.getAddress().getPort();
      Path log = dir.resolve("app.log");
      Files.writeString(log, "[vigil] INFO started in 1 ms; metrics at http://127.0.0.1:" + port + "/metrics\n");
      Path out = dir.resolve("startup.json");
      int code = StartupRun.run(new Args(new String[] {"--target", "http://127.0.0.1:" + port + "/products/{id}",
          "--window", "1s", "--connections", "2", "--agent-log", log.toString(), "--route", "/products/{id}",
          "--out", out.toString()}, 0));

      assertThat(code).isZero();
      JsonNode r = new ObjectMapper().readTree(out.toFile());
      assertThat(r.get("firstOkMs").asLong()).isBetween(0L, 1000L);
      assertThat(r.get("answered").asLong()).isEqualTo(served.get());
      assertThat(r.get("okInWindow").asLong()).isPositive().isLessThanOrEqualTo(served.get());
      assertThat(r.get("throughputInWindow").asDouble()).isEqualTo(r.get("okInWindow").asDouble());
      assertThat(r.get("counted").asLong()).isEqualTo(served.get() - MISSED);
      assertThat(r.get("uncounted").asLong()).isEqualTo(MISSED);
      assertThat(r.get("firstCountedMs").asLong()).isGreaterThanOrEqualTo(r.get("firstOkMs").asLong());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void nmtSummaryGivesTotalAndHeapCommitted() throws Exception {
    Path nmt = dir.resolve("nmt.txt");
    Files.writeString(nmt, "12345:\n\nNative Memory Tracking:\n\n(Omitting categories weighting less than 1KB)\n\n"
        + "Total: reserved=2645190KB, committed=1301366KB\n"
        + "-                 Java Heap (reserved=1048576KB, committed=1048576KB)\n"
        + "                            (mmap: reserved=1048576KB, committed=1048576KB)\n");
    assertThat(Nmt.committedKb(nmt)).containsExactly(1301366, 1048576);
    assertThat(Nmt.committedKb(dir.resolve("absent.txt"))).containsExactly(Double.NaN, Double.NaN);
  }
}
