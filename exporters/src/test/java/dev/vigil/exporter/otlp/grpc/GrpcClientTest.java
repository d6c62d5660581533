package dev.vigil.exporter.otlp.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The response side of a gRPC call against a scripted HTTP/2 server: Trailers-Only answers, trailers continued in a
 * CONTINUATION frame, an HTTP error without a gRPC status, a reset stream. (The request side meets grpc-java's real
 * server in OtlpGrpcIT.)
 */
class GrpcClientTest {
  @Test
  void trailersOnlyResponseGivesItsStatusAndDecodedMessage() throws Exception {
    GrpcResult r = callAgainst(out -> headers(out, 1, 0x1 | 0x4,
        ":status", "200", "content-type", "application/grpc", "grpc-status", "14", "grpc-message", "busy%20now"));
    assertThat(r.status).isEqualTo(14);
    assertThat(r.message).isEqualTo("busy now");
    assertThat(r.retryable()).isTrue();
  }

  @Test
  void messageThenTrailersContinuedInAContinuationFrame() throws Exception {
    GrpcResult r = callAgainst(out -> {
      headers(out, 1, 0x4, ":status", "200", "content-type", "application/grpc");
      frame(out, 0x0, 0, 1, new byte[] {0, 0, 0, 0, 2, 'o', 'k'});
      byte[] trailers = block("grpc-status", "0", "grpc-message", "");
      frame(out, 0x1, 0x1, 1, java.util.Arrays.copyOfRange(trailers, 0, 3)); // END_STREAM, no END_HEADERS
      frame(out, 0x9, 0x4, 1, java.util.Arrays.copyOfRange(trailers, 3, trailers.length));
    });
    assertThat(r.status).isZero();
    assertThat(new String(r.body, "UTF-8")).isEqualTo("ok");
    assertThat(r.retryable()).isFalse();
  }

  @Test
  void anHttpErrorWithoutGrpcStatusMapsAsGrpcDoes() throws Exception {
    GrpcResult r = callAgainst(out -> headers(out, 1, 0x1 | 0x4, ":status", "503", "content-type", "text/html"));
    assertThat(r.status).as("503 is UNAVAILABLE").isEqualTo(14);
    assertThat(r.message).contains("503");
  }

  @Test
  void aResetStreamIsAnIoError() {
    assertThatThrownBy(() -> callAgainst(out -> frame(out, 0x3, 0, 1, new byte[] {0, 0, 0, 2})))
        .isInstanceOf(IOException.class).hasMessageContaining("reset");
  }

  private interface Script {
    void respond(DataOutputStream out) throws IOException;
  }

  private static GrpcResult callAgainst(Script script) throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      Thread peer = new Thread(() -> {
        try (Socket s = server.accept()) {
          InputStream in = s.getInputStream();
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          frame(out, 0x4, 0, 0, new byte[0]); // the server's (empty) SETTINGS
          script.respond(out);
          out.flush();
          in.readAllBytes(); // until the client closes
        } catch (IOException e) {
          // the client closed first
        }
      });
      peer.start();
      try (GrpcClient client = new GrpcClient(URI.create("http://127.0.0.1:" + server.getLocalPort()), null, 2000)) {
        return client.call("svc.Service/Method", List.of(), new byte[] {1, 2, 3}, false, 5_000);
      } finally {
        peer.join(5_000);
      }
    }
  }

  private static void headers(DataOutputStream out, int stream, int flags, String... nameValues) throws IOException {
    frame(out, 0x1, flags, stream, block(nameValues));
  }

  private static byte[] block(String... nameValues) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Hpack.encode(List.of(nameValues), b);
    return b.toByteArray();
  }

  private static void frame(DataOutputStream out, int type, int flags, int stream, byte[] payload)
      throws IOException {
    out.write(payload.length >>> 16);
    out.write(payload.length >>> 8);
    out.write(payload.length);
    out.write(type);
    out.write(flags);
    out.writeInt(stream);
    out.write(payload);
  }
}
