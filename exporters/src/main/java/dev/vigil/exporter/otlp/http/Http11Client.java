package dev.vigil.exporter.otlp.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 POSTs to one endpoint over one kept-alive blocking socket, on the caller's thread: what an OTLP
 * http/protobuf exporter needs, with no selector thread, no executor and no hand-off between threads (the JDK's
 * HttpClient costs three of each per export). A failed exchange closes the connection; the next one reconnects.
 */
public final class Http11Client implements Closeable {
  private static final int MAX_RESPONSE = 4 << 20;

  private final URI endpoint;
  private final String hostHeader;
  private final String path;
  private final SSLSocketFactory tls;
  private final int connectTimeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** {@code endpoint}: the full URL posted to ({@code http} or {@code https}); {@code tls} null for the JDK's. */
  public Http11Client(URI endpoint, SSLSocketFactory tls, int connectTimeoutMillis) {
    this.endpoint = endpoint;
    this.tls = tls;
    this.connectTimeoutMillis = connectTimeoutMillis;
    int port = port(endpoint);
    boolean defaultPort = port == ("https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80);
    this.hostHeader = endpoint.getHost() + (defaultPort ? "" : ":" + port);
    String p = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    this.path = endpoint.getRawQuery() == null ? p : p + "?" + endpoint.getRawQuery();
  }

  /** POSTs {@code body}; {@code headers} are extra name, value pairs. Throws IOException when no response came. */
  public synchronized HttpResult post(List<String> headers, byte[] body, long timeoutMillis) throws IOException {
    try {
      connect();
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
      StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
          .append(hostHeader).append("\r\nContent-Length: ").append(body.length)
          .append("\r\nUser-Agent: vigil-otlp\r\n");
      for (int i = 0; i + 1 < headers.size(); i += 2) {
        head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      HttpResult result = HttpResponseReader.read(in, MAX_RESPONSE);
      if (result.closes) {
        close();
      }
      return result;
    } catch (SocketTimeoutException e) {
      close();
      throw new SocketTimeoutException("POST " + endpoint + " timed out after " + timeoutMillis + " ms");
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    if (socket != null) {
      return;
    }
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(endpoint.getHost(), port(endpoint)), connectTimeoutMillis);
      Socket s = plain;
      if ("https".equalsIgnoreCase(endpoint.getScheme())) {
        SSLSocket ssl = (SSLSocket) (tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(plain, endpoint.getHost(), port(endpoint), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(connectTimeoutMillis);
        ssl.startHandshake();
        s = ssl;
      }
      socket = s;
      in = new BufferedInputStream(s.getInputStream(), 8192);
      out = new BufferedOutputStream(s.getOutputStream(), 16_384);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  static int port(URI endpoint) {
    return endpoint.getPort() > 0 ? endpoint.getPort()
        : "https".equals(endpoint.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }

  @Override
  public synchronized void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }

  static byte[] readAll(InputStream in, long length, int max) throws IOException {
    if (length > max) {
      throw new IOException("HTTP response body of " + length + " bytes is larger than " + max);
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream((int) Math.max(0, length));
    byte[] buf = new byte[8192];
    long left = length;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException("HTTP response body cut short");
      }
      b.write(buf, 0, n);
      left -= n;
    }
    return b.toByteArray();
  }
}
