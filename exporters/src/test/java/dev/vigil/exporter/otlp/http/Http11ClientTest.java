package dev.vigil.exporter.otlp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 exchange against a scripted server: keep-alive, chunked and interim responses, close, timeout. */
class Http11ClientTest {
  @Test
  void twoPostsShareOneConnectionAndTheRequestIsWellFormed() throws Exception {
    try (Server server = new Server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        Http11Client client = new Http11Client(URI.create(server.url() + "/v1/traces"), null, 2000)) {
      HttpResult first = client.post(List.of("content-type", "application/x-protobuf"), new byte[] {1, 2, 3}, 2000);
      assertThat(first.status).isEqualTo(200);
      assertThat(new String(first.body, StandardCharsets.UTF_8)).isEqualTo("ok");
      assertThat(client.post(List.of(), new byte[0], 2000).status).isEqualTo(200);
      assertThat(server.connections.get()).as("kept alive").isEqualTo(1);
      assertThat(server.requests.get(0)).startsWith("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1:")
          .contains("Content-Length: 3\r\n").contains("content-type: application/x-protobuf\r\n");
    }
  }

  @Test
  void chunkedBodyAfterAnInterimResponse() throws Exception {
    try (Server server = new Server("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n4\r\nbusy\r\n3;x=y\r\n no\r\n0\r\n\r\n");
        Http11Client client = new Http11Client(URI.create(server.url()), null, 2000)) {
      HttpResult r = client.post(List.of(), new byte[] {1}, 2000);
      assertThat(r.status).isEqualTo(503);
      assertThat(r.reason).isEqualTo("Service Unavailable");
      assertThat(new String(r.body, StandardCharsets.UTF_8)).isEqualTo("busy no");
      assertThat(r.retryable()).isTrue();
    }
  }

  @Test
  void connectionCloseMakesTheNextPostReconnect() throws Exception {
    try (Server server = new Server("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        Http11Client client = new Http11Client(URI.create(server.url()), null, 2000)) {
      HttpResult r = client.post(List.of(), new byte[] {1}, 2000);
      assertThat(r.status).isEqualTo(400);
      assertThat(r.retryable()).isFalse();
      assertThat(client.post(List.of(), new byte[] {1}, 2000).status).isEqualTo(200);
      assertThat(server.connections.get()).isEqualTo(2);
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (Server server = new Server();
        Http11Client client = new Http11Client(URI.create(server.url()), null, 2000)) {
      assertThatThrownBy(() -> client.post(List.of(), new byte[] {1}, 300))
          .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("300 ms");
    }
  }

  /** Answers the n-th request with the n-th response (none left: never answers), one connection per accept. */
  private static final class Server implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0);
    final AtomicInteger connections = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> responses;
    private final AtomicInteger next = new AtomicInteger();

    Server(String... responses) throws IOException {
      this.responses = List.of(responses);
      Thread t = new Thread(this::serve);
      t.setDaemon(true);
      t.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.incrementAndGet();
          Thread t = new Thread(() -> connection(s));
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void connection(Socket s) {
      try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        while (true) {
          ByteArrayOutputStream head = new ByteArrayOutputStream();
          while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
              return;
            }
            head.write(c);
          }
          String h = head.toString(StandardCharsets.ISO_8859_1);
          int length = Integer.parseInt(h.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
          in.readNBytes(length);
          requests.add(h);
          int i = next.getAndIncrement();
          if (i >= responses.size()) {
            Thread.sleep(60_000);
            return;
          }
          out.write(responses.get(i).getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          if (responses.get(i).contains("Connection: close")) {
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        // the client went away
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
