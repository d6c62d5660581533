package dev.vigil.exporter.otlp.grpc;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * Unary gRPC calls (one request message, one response) to one endpoint over one reused HTTP/2 connection, one call at
 * a time: what an OTLP exporter needs, without grpc-java. Framing: gRPC over HTTP/2 (PROTOCOL-HTTP2.md of grpc/grpc).
 * A failed or timed-out call closes the connection; the next call opens a new one.
 */
public final class GrpcClient implements Closeable {
  private static final int MAX_RESPONSE = 4 << 20;

  private final URI endpoint;
  private final SSLSocketFactory tls;
  private final int connectTimeoutMillis;
  private Http2Connection connection;

  /** {@code endpoint}: {@code http://host:port} (h2c) or {@code https://host:port}; {@code tls} null for the JDK's. */
  public GrpcClient(URI endpoint, SSLSocketFactory tls, int connectTimeoutMillis) {
    this.endpoint = endpoint;
    this.tls = tls;
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  /**
   * Calls {@code /service/method} with {@code message} (already gzip-compressed when {@code gzip}); {@code headers}
   * are extra name, value pairs (lower-case names). Throws IOException when no gRPC status came back.
   */
  public synchronized GrpcResult call(String fullMethod, List<String> headers, byte[] message, boolean gzip,
      long timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    try {
      Http2Connection c = connection();
      int stream = c.newStream();
      if (stream < 0) {
        close();
        c = connection();
        stream = c.newStream();
      }
      sendHeaders(c, stream, fullMethod, headers, gzip, timeoutMillis);
      sendMessage(c, stream, message, gzip, deadline);
      return GrpcResponseReader.read(c, stream, deadline, MAX_RESPONSE);
    } catch (SocketTimeoutException e) {
      close();
      throw new SocketTimeoutException("gRPC call to " + endpoint + " timed out after " + timeoutMillis + " ms");
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Http2Connection connection() throws IOException {
    if (connection == null || !connection.usable()) {
      close();
      connection = Http2Connection.open(endpoint, tls, connectTimeoutMillis);
    }
    return connection;
  }

  private static void sendHeaders(Http2Connection c, int stream, String fullMethod, List<String> extra, boolean gzip,
      long timeoutMillis) throws IOException {
    List<String> h = new ArrayList<>(List.of(":method", "POST", ":scheme", c.scheme, ":path",
        fullMethod.startsWith("/") ? fullMethod : "/" + fullMethod, ":authority", c.authority,
        "content-type", "application/grpc", "te", "trailers", "user-agent", "vigil-otlp",
        "grpc-timeout", Math.max(1, timeoutMillis) + "m"));
    if (gzip) {
      h.add("grpc-encoding");
      h.add("gzip");
    }
    h.addAll(extra);
    ByteArrayOutputStream block = new ByteArrayOutputStream(256);
    Hpack.encode(h, block);
    byte[] b = block.toByteArray();
    int max = c.peerMaxFrameSize;
    for (int off = 0; off < b.length || off == 0; off += max) {
      int len = Math.min(max, b.length - off);
      boolean last = off + len >= b.length;
      c.writeFrame(off == 0 ? Http2Connection.HEADERS : Http2Connection.CONTINUATION,
          last ? Http2Connection.END_HEADERS : 0, stream, b, off, len);
      if (last) {
        break;
      }
    }
  }

  /** The length-prefixed message as DATA frames within the server's flow-control windows, the last ending the stream. */
  private static void sendMessage(Http2Connection c, int stream, byte[] message, boolean gzip, long deadline)
      throws IOException {
    byte[] body = new byte[5 + message.length];
    body[0] = (byte) (gzip ? 1 : 0);
    body[1] = (byte) (message.length >>> 24);
    body[2] = (byte) (message.length >>> 16);
    body[3] = (byte) (message.length >>> 8);
    body[4] = (byte) message.length;
    System.arraycopy(message, 0, body, 5, message.length);
    long streamCredit = 0; // WINDOW_UPDATEs on this stream; the window is the server's initial one plus these
    int sent = 0;
    while (sent < body.length) {
      long window = Math.min(c.connectionSendWindow, c.peerInitialWindow + streamCredit - sent);
      if (window <= 0) {
        c.flush();
        c.setReadTimeout((deadline - System.nanoTime()) / 1_000_000L);
        Http2Frame f = c.nextStreamFrame();
        if (f.stream == stream && f.type == Http2Connection.WINDOW_UPDATE) {
          streamCredit += Http2Frame.int31(f.payload, 0);
        } else if (f.stream == stream) {
          c.pushBack(f); // the server answers before taking the whole message (an error, a reset): read that
          return;
        }
        continue;
      }
      int len = (int) Math.min(Math.min(window, c.peerMaxFrameSize), body.length - sent);
      boolean last = sent + len == body.length;
      c.writeFrame(Http2Connection.DATA, last ? Http2Connection.END_STREAM : 0, stream, body, sent, len);
      sent += len;
      c.connectionSendWindow -= len;
    }
    c.flush();
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
