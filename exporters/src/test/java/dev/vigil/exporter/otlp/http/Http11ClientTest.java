package dev.vigil.exporter.otlp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
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
        Http11Client client = new Http11Client(URI.create(server.url() + "/v1/traces"), null)) {
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
        Http11Client client = new Http11Client(URI.create(server.url()), null)) {
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
        Http11Client client = new Http11Client(URI.create(server.url()), null)) {
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
        Http11Client client = new Http11Client(URI.create(server.url()), null)) {
      assertThatThrownBy(() -> client.post(List.of(), new byte[] {1}, 300))
          .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("300 ms");
    }
  }

  @Test
  void aPeerThatNeverReadsCannotHoldAWriteBeyondTheDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1); // accepts (the kernel does) and never reads
        Http11Client client = new Http11Client(URI.create("http://127.0.0.1:" + silent.getLocalPort()), null)) {
      assertThatThrownBy(() -> client.post(List.of(), new byte[64 << 20], 300))
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void closeFromAnotherThreadEndsAPostInFlightAndRefusesLaterOnes() throws Exception {
    try (Server server = new Server();
        Http11Client client = new Http11Client(URI.create(server.url()), null)) {
      Thread closer = new Thread(() -> {
        while (server.requests.isEmpty()) {
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
        client.close();
      });
      closer.start();
      assertThatThrownBy(() -> client.post(List.of(), new byte[] {1}, 60_000)).isInstanceOf(IOException.class)
          .isNotInstanceOf(SocketTimeoutException.class);
      closer.join();
      assertThatThrownBy(() -> client.post(List.of(), new byte[] {1}, 60_000)).isInstanceOf(IOException.class);
      assertThat(server.connections.get()).as("no reconnect after close").isEqualTo(1);
    }
  }

  /** Answers the n-th request with the n-th response (none left: never answers), one connection per accept. */
  private static final class Server extends TestPeer {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> responses;
    private final AtomicInteger next = new AtomicInteger();

    Server(String... responses) throws IOException {
      this.responses = List.of(responses);
    }

    @Override
    boolean answer(String head, OutputStream out) throws IOException, InterruptedException {
      requests.add(head);
      int i = next.getAndIncrement();
      if (i >= responses.size()) {
        Thread.sleep(60_000);
        return false;
      }
      out.write(responses.get(i).getBytes(StandardCharsets.ISO_8859_1));
      return !responses.get(i).contains("Connection: close");
    }
  }
}
