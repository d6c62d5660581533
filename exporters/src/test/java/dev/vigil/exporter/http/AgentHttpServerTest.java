package dev.vigil.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentHttpServerTest {
  private static final String BODY = "metric_a 1\n".repeat(200);
  private final AtomicReference<Map<String, String>> lastHeaders = new AtomicReference<>();
  private AgentHttpServer server;

  @BeforeEach
  void start() throws IOException {
    Map<String, HttpEndpoint> paths = new LinkedHashMap<>();
    paths.put("/metrics", (headers, query) -> {
      lastHeaders.set(headers);
      return new HttpEndpoint.Response(200, "text/plain; version=0.0.4", BODY.getBytes(StandardCharsets.UTF_8));
    });
    paths.put("/fails", (headers, query) -> {
      throw new IllegalStateException("producer broke at /secret/path");
    });
    paths.put("/query", (headers, query) ->
        new HttpEndpoint.Response(200, "text/plain", query.getBytes(StandardCharsets.UTF_8)));
    server = AgentHttpServer.start("127.0.0.1", 0, paths);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void servesGetWithLengthAndContentType() throws IOException {
    RawHttp.Reply r = send("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: application/openmetrics-text\r\n\r\n");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.headers).containsEntry("content-type", "text/plain; version=0.0.4")
        .containsEntry("content-length", Integer.toString(BODY.length())).doesNotContainKey("content-encoding");
    assertThat(r.text()).isEqualTo(BODY);
    assertThat(lastHeaders.get()).as("header names reach the endpoint in lower case")
        .containsEntry("accept", "application/openmetrics-text");
  }

  @Test
  void keepsTheConnectionForTheNextScrape() throws IOException {
    try (Socket s = RawHttp.connect(server.port())) {
      for (int i = 0; i < 3; i++) {
        RawHttp.write(s, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawHttp.read(s.getInputStream(), false).text()).isEqualTo(BODY);
      }
    }
  }

  @Test
  void unknownPathIs404() throws IOException {
    RawHttp.Reply r = send("GET /nope HTTP/1.1\r\n\r\n");
    assertThat(r.status).isEqualTo(404);
    assertThat(r.text()).contains("/metrics");
  }

  @Test
  void otherMethodsAre405OnEveryPath() throws IOException {
    RawHttp.Reply post = send("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    assertThat(post.status).isEqualTo(405);
    assertThat(post.headers).containsEntry("allow", "GET, HEAD");
    for (String method : new String[] {"PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "BREW", "CONNECT"}) {
      assertThat(send(method + " /nope HTTP/1.1\r\n\r\n").status).as(method).isEqualTo(405);
    }
  }

  @Test
  void headHasTheHeadersButNoBody() throws IOException {
    RawHttp.Reply r = send("HEAD /metrics HTTP/1.1\r\n\r\n", true);
    assertThat(r.status).isEqualTo(200);
    assertThat(r.headers).containsEntry("content-length", Integer.toString(BODY.length()));
    assertThat(r.body).isEmpty();
    RawHttp.Reply missing = send("HEAD /nope HTTP/1.1\r\n\r\n", true);
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.body).isEmpty();
  }

  @Test
  void gzipOnlyWhenAsked() throws IOException {
    RawHttp.Reply zipped = send("GET /metrics HTTP/1.1\r\nAccept-Encoding: gzip, deflate\r\n\r\n");
    assertThat(zipped.headers).containsEntry("content-encoding", "gzip")
        .containsEntry("content-length", Integer.toString(zipped.body.length));
    assertThat(zipped.body.length).isLessThan(BODY.length());
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    }
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").headers).doesNotContainKey("content-encoding");
  }

  @Test
  void queryReachesTheEndpointRawAndDoesNotChangeThePath() throws IOException {
    RawHttp.Reply r = send("GET /query?route=%2Fowners%2F%7Bid%7D&b=2 HTTP/1.1\r\n\r\n");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.text()).isEqualTo("route=%2Fowners%2F%7Bid%7D&b=2");
  }

  @Test
  void anEndpointThatThrowsGives500WithoutTheExceptionAndTheServerGoesOn() throws IOException {
    RawHttp.Reply r = send("GET /fails HTTP/1.1\r\n\r\n");
    assertThat(r.status).isEqualTo(500);
    assertThat(r.text()).isEqualTo("internal error\n");
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").status).isEqualTo(200);
  }

  @Test
  void largeHeadersAre431AndHugeOnesAreCutOff() throws IOException {
    RawHttp.Reply large = send("GET /metrics HTTP/1.1\r\nX-Filler: " + "a".repeat(64 * 1024) + "\r\n\r\n");
    assertThat(large.status).isEqualTo(431);
    assertThat(RawHttp.sendExpectingNoReply(server.port(),
        "GET /metrics HTTP/1.1\r\nX-Filler: " + "a".repeat(1024 * 1024) + "\r\n\r\n"))
        .as("past the JDK server's own limit the connection is closed unanswered").isTrue();
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").status).isEqualTo(200);
  }

  @Test
  void malformedRequestsAre400AndTheServerGoesOn() throws IOException {
    for (String bad : new String[] {"HELLO\r\n\r\n", "\u0000\u0001\u0002 \r\n\r\n", "GET /metrics\r\n\r\n",
        "GET /%zz HTTP/1.1\r\n\r\n", "GET /metrics HTTP/1.1\r\nContent-Length: x\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nBad Name: 1\r\n\r\n"}) {
      RawHttp.Reply r = send(bad);
      assertThat(r.status).as(bad).isEqualTo(400);
      assertThat(r.text()).as(bad).doesNotContain("at java.").doesNotContain("Exception:");
    }
    try (Socket s = RawHttp.connect(server.port())) {
      RawHttp.write(s, "GET /metr"); // closed before the head ends
    }
    try (Socket s = RawHttp.connect(server.port())) {
      s.close(); // connected and gone
    }
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").status).isEqualTo(200);
  }

  @Test
  void everyThreadItStartsIsADaemonAndEndsAtStop() throws Exception {
    server.stop();
    Set<Thread> before = RawHttp.liveThreads();
    server = AgentHttpServer.start("127.0.0.1", 0, Map.of("/metrics", (h, q) ->
        new HttpEndpoint.Response(200, "text/plain", new byte[] {'x'})));
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").status).isEqualTo(200);
    Set<Thread> started = RawHttp.liveThreads();
    started.removeAll(before);
    assertThat(started).as("dispatcher, idle timer, a worker, the deadline timer").isNotEmpty()
        .allMatch(Thread::isDaemon).allMatch(t -> t.getName().startsWith("vigil-http-"));
    assertThat(System.getProperties().stringPropertyNames())
        .as("no JVM-wide setting of the JDK server: the application's own HttpServer reads them too")
        .noneMatch(k -> k.startsWith("sun.net.httpserver.") || k.startsWith("jdk.httpserver."));
    int port = server.port();
    server.stop();
    for (Thread t : started) {
      t.join(30_000);
      assertThat(t.isAlive()).as(t.getName()).isFalse();
    }
    server = AgentHttpServer.start("127.0.0.1", port, Map.of()); // the port is free again
  }

  @Test
  void aTakenPortFailsAtStartWithoutAThread() throws Exception {
    Set<Thread> before = RawHttp.liveThreads();
    try {
      AgentHttpServer.start("127.0.0.1", server.port(), Map.of());
      throw new AssertionError("bound a port already in use");
    } catch (IOException expected) {
      assertThat(expected).hasMessageContaining("in use");
    }
    Set<Thread> after = RawHttp.liveThreads();
    after.removeAll(before);
    assertThat(after).isEmpty();
  }

  private RawHttp.Reply send(String request) throws IOException {
    return send(request, false);
  }

  private RawHttp.Reply send(String request, boolean head) throws IOException {
    try (Socket s = RawHttp.connect(server.port())) {
      RawHttp.write(s, request);
      return RawHttp.read(s.getInputStream(), head);
    }
  }
}
