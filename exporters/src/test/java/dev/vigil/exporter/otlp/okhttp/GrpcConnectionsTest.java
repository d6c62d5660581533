package dev.vigil.exporter.otlp.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SDK's gRPC sender reads within the byte budget: a peer that floods PING frames ends the call, not the heap. */
class GrpcConnectionsTest {
  @Test
  void aPingFloodEndsTheCallAtTheBudgetLongBeforeItsTimeout() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      Thread peer = new Thread(() -> flood(server), "ping-flood");
      peer.setDaemon(true);
      peer.start();
      GrpcConnections connections = new GrpcConnections(64 << 10);
      GrpcSender sender = connections.bound(new OkHttpGrpcSender("http://127.0.0.1:" + server.getLocalPort()
          + "/opentelemetry.proto.collector.trace.v1.TraceService/Export", null, Duration.ofMinutes(5),
          Duration.ofMinutes(5), Map::of, null, null, null, null, 1 << 20, null), null, null);
      connections.newExport();
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      sender.send(message(), response -> failure.complete(null), failure::complete);
      Throwable t = failure.get(4, TimeUnit.MINUTES); // a hang guard only: the call's own timeout is 5 minutes
      assertThat(t).isNotNull();
      assertThat(causes(t)).contains("more than 65536 bytes");
      sender.shutdown();
    }
  }

  private static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" | ");
      for (Throwable s : c.getSuppressed()) {
        b.append(s).append(" | ");
      }
    }
    return b.toString();
  }

  private static MessageWriter message() {
    return new MessageWriter() {
      @Override
      public void writeMessage(OutputStream out) throws IOException {
        out.write(new byte[] {10, 0});
      }

      @Override
      public int getContentLength() {
        return 2;
      }
    };
  }

  /** h2c: an empty SETTINGS frame, then PING frames for as long as the client reads. */
  private static void flood(ServerSocket server) {
    try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
      InputStream in = s.getInputStream();
      Thread drain = new Thread(() -> {
        try {
          in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
          // closed
        }
      });
      drain.setDaemon(true);
      drain.start();
      out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
      byte[] ping = {0, 0, 8, 6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
      while (true) {
        out.write(ping);
      }
    } catch (IOException e) {
      // the client hung up: what the budget is for
    }
  }
}
