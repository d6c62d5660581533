package dev.vigil.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
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
      throw new IllegalStateException("producer broke");
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
    Reply r = send("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: application/openmetrics-text\r\n\r\n");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.headers).containsEntry("content-type", "text/plain; version=0.0.4")
        .containsEntry("content-length", Integer.toString(BODY.length())).doesNotContainKey("content-encoding");
    assertThat(r.text()).isEqualTo(BODY);
    assertThat(lastHeaders.get()).as("header names reach the endpoint in lower case")
        .containsEntry("accept", "application/openmetrics-text");
  }

  @Test
  void unknownPathIs404() throws IOException {
    Reply r = send("GET /nope HTTP/1.1\r\n\r\n");
    assertThat(r.status).isEqualTo(404);
    assertThat(r.text()).contains("/metrics");
  }

  @Test
  void otherMethodsAre405() throws IOException {
    assertThat(send("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n").status).isEqualTo(405);
  }

  @Test
  void headHasTheHeadersButNoBody() throws IOException {
    Reply r = send("HEAD /metrics HTTP/1.1\r\n\r\n");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.headers).containsEntry("content-length", Integer.toString(BODY.length()));
    assertThat(r.body).isEmpty();
    Reply missing = send("HEAD /nope HTTP/1.1\r\n\r\n");
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.body).isEmpty();
  }

  @Test
  void gzipOnlyWhenAsked() throws IOException {
    Reply zipped = send("GET /metrics HTTP/1.1\r\nAccept-Encoding: gzip, deflate\r\n\r\n");
    assertThat(zipped.headers).containsEntry("content-encoding", "gzip")
        .containsEntry("content-length", Integer.toString(zipped.body.length));
    assertThat(zipped.body.length).isLessThan(BODY.length());
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    }
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").headers).doesNotContainKey("content-encoding");
  }

  @Test
  void queryReachesTheEndpointAndDoesNotChangeThePath() throws IOException {
    Reply r = send("GET /query?name[]=a&b=2 HTTP/1.1\r\n\r\n");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.text()).isEqualTo("name[]=a&b=2");
  }

  @Test
  void anEndpointThatThrowsGives500AndTheServerGoesOn() throws IOException {
    assertThat(send("GET /fails HTTP/1.1\r\n\r\n").status).isEqualTo(500);
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").status).isEqualTo(200);
  }

  @Test
  void oversizedHeaderIsRejectedAndTheServerGoesOn() throws IOException {
    String huge = "GET /metrics HTTP/1.1\r\nX-Filler: " + "a".repeat(64 * 1024) + "\r\n\r\n";
    try {
      Reply r = send(huge);
      assertThat(r.status).isEqualTo(400);
    } catch (SocketException reset) {
      // The server stops reading at 16 KiB and closes: the client may see a reset instead of the 400. Both reject it.
    }
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").status).isEqualTo(200);
  }

  @Test
  void garbageAndHalfRequestsDoNotKillTheServer() throws IOException {
    assertThat(send("HELLO\r\n\r\n").status).isEqualTo(400);
    assertThat(send("\u0000\u0001\u0002 \r\n\r\n").status).isIn(400, 404);
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write("GET /metr".getBytes(StandardCharsets.ISO_8859_1));
      // closed before the head ends
    }
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.close(); // connected and gone
    }
    assertThat(send("GET /metrics HTTP/1.1\r\n\r\n").status).isEqualTo(200);
  }

  @Test
  void threadsAreDaemonsAndStopEndsThemAndReleasesThePort() throws Exception {
    List<Thread> threads = httpThreads();
    assertThat(threads).isNotEmpty().allMatch(Thread::isDaemon);
    int port = server.port();
    server.stop();
    for (Thread t : threads) {
      t.join(5_000);
    }
    assertThat(httpThreads()).isEmpty();
    AgentHttpServer again = AgentHttpServer.start("127.0.0.1", port, Map.of());
    again.stop();
  }

  private static List<Thread> httpThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("vigil-http"))
        .collect(Collectors.toList());
  }

  @Test
  void aTakenPortFailsAtStartWithoutAThread() throws IOException {
    int before = httpThreads().size();
    try {
      AgentHttpServer.start("127.0.0.1", server.port(), Map.of());
      throw new AssertionError("bound a port already in use");
    } catch (IOException expected) {
      assertThat(expected).hasMessageContaining("in use");
    }
    assertThat(httpThreads()).hasSize(before);
  }

  private Reply send(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return Reply.read(s.getInputStream());
    }
  }

  private static final class Reply {
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body;

    static Reply read(InputStream in) throws IOException {
      byte[] all = in.readAllBytes(); // the server closes every connection
      int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (split < 0) {
        throw new SocketException("no complete response: " + new String(all, StandardCharsets.ISO_8859_1));
      }
      String[] lines = new String(all, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
      Reply r = new Reply();
      r.status = Integer.parseInt(lines[0].split(" ")[1]);
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        r.headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(all, split + 4, all.length - split - 4);
      r.body = body.toByteArray();
      return r;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
      outer:
      for (int i = 0; i + pattern.length <= data.length; i++) {
        for (int j = 0; j < pattern.length; j++) {
          if (data[i + j] != pattern[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
