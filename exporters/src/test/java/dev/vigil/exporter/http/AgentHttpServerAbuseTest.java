package dev.vigil.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold the server: idle connections, a client that drips its request, one that never reads its answer.
 * Short deadlines (300 ms) make each case quick; every wait polls with a generous bound, nothing asserts a duration.
 */
class AgentHttpServerAbuseTest {
  private static final byte[] HUGE = new byte[64 * 1024 * 1024]; // more than any socket buffer holds
  private AgentHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = AgentHttpServer.start("127.0.0.1", 0, Map.of(
        "/metrics", (h, q) -> new HttpEndpoint.Response(200, "text/plain", "up 1\n".getBytes(StandardCharsets.UTF_8)),
        "/huge", (h, q) -> new HttpEndpoint.Response(200, "text/plain", HUGE)),
        ServerLimits.defaults().deadlines(300, 300));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aThousandIdleConnectionsHoldNoWorker() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 1_000; i++) {
        idle.add(RawHttp.connect(server.port()));
      }
      assertThat(scrape()).isEqualTo(200);
      awaitIdleServer(); // the idle ones hold no worker: once the scrape is done, none is busy
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void aClientDrippingItsRequestIsCutOffAtTheReadDeadline() throws Exception {
    try (Socket dripper = RawHttp.connect(server.port())) {
      OutputStream out = dripper.getOutputStream();
      out.write("GET /metrics HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      assertThat(scrape()).as("another client meanwhile").isEqualTo(200);
      assertThat(closedByServerWhileDripping(dripper)).isTrue();
    }
    awaitIdleServer();
  }

  @Test
  void aClientThatNeverReadsIsCutOffAtTheWriteDeadline() throws Exception {
    try (Socket deaf = RawHttp.connect(server.port())) {
      deaf.setReceiveBufferSize(4096);
      RawHttp.write(deaf, "GET /huge HTTP/1.1\r\n\r\n");
      assertThat(scrape()).as("another client meanwhile").isEqualTo(200);
      awaitIdleServer(); // the deadline freed the worker
      assertThat(drainsToTheEnd(deaf.getInputStream())).as("the answer was cut").isLessThan(HUGE.length);
    }
  }

  @Test
  void slowClientsBeyondTheWorkersWaitOnlyForADeadline() throws Exception {
    List<Socket> drippers = new ArrayList<>();
    try {
      for (int i = 0; i < ServerLimits.WORKERS + 2; i++) {
        Socket s = RawHttp.connect(server.port());
        RawHttp.write(s, "GET /metrics HTTP/1.1\r\nX-Slow: ");
        drippers.add(s);
      }
      assertThat(scrape()).as("queued behind the drippers, served once their deadline passed").isEqualTo(200);
    } finally {
      for (Socket s : drippers) {
        s.close();
      }
    }
    awaitIdleServer();
  }

  private int scrape() throws IOException {
    try (Socket s = RawHttp.connect(server.port())) {
      RawHttp.write(s, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
      return RawHttp.read(s.getInputStream(), false).status;
    }
  }

  /** Writes a byte every 50 ms until the server has closed the connection; false if it is still open after 30 s. */
  private static boolean closedByServerWhileDripping(Socket s) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      s.setSoTimeout(50);
      while (System.nanoTime() < deadline) {
        s.getOutputStream().write('a');
        s.getOutputStream().flush();
        try {
          if (s.getInputStream().read() < 0) {
            return true;
          }
        } catch (java.net.SocketTimeoutException stillOpen) {
          // nothing yet
        }
      }
      return false;
    } catch (SocketException closed) {
      return true; // reset: the server closed it
    } catch (IOException e) {
      return true;
    }
  }

  private static long drainsToTheEnd(InputStream in) {
    long total = 0;
    byte[] buf = new byte[64 * 1024];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
      }
    } catch (IOException reset) {
      // the server closed the connection
    }
    return total;
  }

  private void awaitIdleServer() throws InterruptedException {
    // one read decides: the read deadline may briefly take a worker to close an idle connection after the loop saw 0
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long busy;
    while ((busy = server.busy()) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(busy).as("every worker freed").isZero();
  }
}
