package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The socket client, the connection pool's bound and the OTLP sink against real local servers. */
class HttpIntegrationTest {
  private final HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger connections = new AtomicInteger();

  HttpIntegrationTest() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/fixed", ex -> {
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/chunked", ex -> {
      ex.sendResponseHeaders(404, 0);
      try (OutputStream o = ex.getResponseBody()) {
        o.write("part one,".getBytes(StandardCharsets.UTF_8));
        o.flush();
        o.write("part two".getBytes(StandardCharsets.UTF_8));
      }
    });
    server.createContext("/empty", ex -> {
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.createContext("/block", ex -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private int port() {
    return server.getAddress().getPort();
  }

  @Test
  void keepAliveConnectionReadsEveryBodyKind() throws Exception {
    try (HttpConnection c = new HttpConnection("127.0.0.1", port())) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.request("GET", "/fixed", null)).isEqualTo(200);
        assertThat(c.request("GET", "/chunked", null)).isEqualTo(404);
        assertThat(c.request("GET", "/empty", null)).isEqualTo(204);
        assertThat(c.request("POST", "/fixed", "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
      }
    }
  }

  @Test
  void poolRefusesPastItsBoundWithoutBlocking() throws Exception {
    Targets targets = new Targets(List.of(Target.parse("b=http://127.0.0.1:" + port() + "/block", "GET")));
    Results results = new Results(targets, 0, 500_000_000L);
    ConnectionPool pool = new ConnectionPool(Clock.SYSTEM, targets, results, new RequestSpec(null, 1), 2);
    assertThat(pool.tryStart(0, 0, System.nanoTime())).isTrue();
    assertThat(pool.tryStart(1, 0, System.nanoTime())).isTrue();
    assertThat(pool.tryStart(2, 0, System.nanoTime())).isFalse();
    release.countDown();
    pool.finish(10_000);
    LatencyStats.Summary s = results.total(1);
    assertThat(s.completed).isEqualTo(2);
    assertThat(s.errors).isZero();
  }

  @Test
  void sinkAcceptsOtlpPostsAndCountsBytes() throws Exception {
    OtlpSink sink = new OtlpSink("127.0.0.1", 0);
    int port = sink.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
          .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1234]))
          .build(), HttpResponse.BodyHandlers.discarding());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(sink.received("traces")).containsExactly(1, 1234);
      assertThat(sink.received("metrics")).containsExactly(0, 0);
      String stats = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(stats).contains("\"traces\":{\"requests\":1,\"bytes\":1234}");
    } finally {
      sink.stop();
    }
  }
}
