package dev.vigil.exporter.otlp.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 POSTs to one endpoint over one kept-alive connection, on the caller's thread: what an OTLP http/protobuf
 * exporter needs, with no selector thread, no executor and no hand-off between threads. Each post ends by its deadline
 * whatever the peer does (connect, TLS handshake, write and read all wait on {@link DeadlineSocket}); responses are
 * read within fixed caps ({@link HttpResponseReader}). A failed exchange drops the connection; the next one reconnects.
 * {@link #close()} may be called from any thread: it ends a post in flight and every later one.
 */
public final class Http11Client implements Closeable {
  private final URI endpoint;
  private final String hostHeader;
  private final String path;
  private final SSLSocketFactory tls;
  private final boolean https;
  private volatile DeadlineSocket plain;
  private volatile Socket socket;
  private InputStream in;
  private OutputStream out;
  private volatile boolean closed;

  /** {@code endpoint}: the full URL posted to ({@code http} or {@code https}); {@code tls} null for the JDK's. */
  public Http11Client(URI endpoint, SSLSocketFactory tls) {
    this.endpoint = endpoint;
    this.https = "https".equalsIgnoreCase(endpoint.getScheme());
    this.tls = https && tls == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tls;
    int port = port(endpoint);
    this.hostHeader = endpoint.getHost() + (port == (https ? 443 : 80) ? "" : ":" + port);
    String p = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    this.path = endpoint.getRawQuery() == null ? p : p + "?" + endpoint.getRawQuery();
  }

  /**
   * POSTs {@code body}; {@code headers} are extra name, value pairs. Returns the response; throws a
   * {@link SocketTimeoutException} when {@code timeoutMillis} passed first, another IOException when no response came.
   */
  public HttpResult post(List<String> headers, byte[] body, long timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + Math.max(1, timeoutMillis) * 1_000_000L;
    try {
      connect(deadline);
      plain.deadline(deadline);
      StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
          .append(hostHeader).append("\r\nContent-Length: ").append(body.length)
          .append("\r\nUser-Agent: vigil-otlp\r\n");
      for (int i = 0; i + 1 < headers.size(); i += 2) {
        head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      HttpResult result = HttpResponseReader.read(in);
      if (result.closes) {
        disconnect();
      }
      return result;
    } catch (SocketTimeoutException e) {
      disconnect();
      throw new SocketTimeoutException("POST " + endpoint + " timed out after " + timeoutMillis + " ms");
    } catch (IOException | RuntimeException e) {
      disconnect();
      if (closed) {
        throw new SocketException("closed");
      }
      throw e;
    }
  }

  private void connect(long deadline) throws IOException {
    if (socket != null) {
      return;
    }
    if (closed) {
      throw new SocketException("closed");
    }
    DeadlineSocket p = DeadlineSocket.connect(new InetSocketAddress(endpoint.getHost(), port(endpoint)), deadline);
    plain = p;
    try {
      Socket s = p;
      if (https) {
        SSLSocket ssl = (SSLSocket) tls.createSocket(p, endpoint.getHost(), port(endpoint), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        s = ssl;
      }
      in = new BufferedInputStream(s.getInputStream(), 8192);
      out = new BufferedOutputStream(s.getOutputStream(), 16_384);
      socket = s;
      if (closed) { // close() ran meanwhile and saw no socket yet
        disconnect();
        throw new SocketException("closed");
      }
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  static int port(URI endpoint) {
    return endpoint.getPort() > 0 ? endpoint.getPort()
        : "https".equals(endpoint.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }

  private void disconnect() {
    DeadlineSocket p = plain;
    socket = null;
    if (p != null) {
      try {
        p.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** Ends a post in flight (it throws) and refuses later ones; any thread. */
  @Override
  public void close() {
    closed = true;
    disconnect();
  }
}
