package dev.vigil.exporter.otlp.grpc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/2 client connection over a blocking socket (RFC 9113): h2c with prior knowledge for {@code http}, TLS with
 * ALPN {@code h2} for {@code https}. Writes frames, reads them, and answers the connection-level ones itself (SETTINGS,
 * PING, WINDOW_UPDATE on stream 0, GOAWAY); stream frames go back to the caller. Not thread-safe: one call at a time.
 */
final class Http2Connection implements Closeable {
  static final int DATA = 0x0;
  static final int HEADERS = 0x1;
  static final int RST_STREAM = 0x3;
  static final int SETTINGS = 0x4;
  static final int PUSH_PROMISE = 0x5;
  static final int PING = 0x6;
  static final int GOAWAY = 0x7;
  static final int WINDOW_UPDATE = 0x8;
  static final int CONTINUATION = 0x9;
  static final int END_STREAM = 0x1;
  static final int ACK = 0x1;
  static final int END_HEADERS = 0x4;
  static final int PADDED = 0x8;
  static final int PRIORITY = 0x20;
  /** The window this side grants the server, so that responses never wait for a WINDOW_UPDATE from us. */
  static final int RECEIVE_WINDOW = 1 << 20;
  private static final int DEFAULT_WINDOW = 65_535;
  private static final int MAX_FRAME = 1 << 20;
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  final Hpack hpack = new Hpack();
  final String authority;
  final String scheme;
  int peerMaxFrameSize = 16_384;
  int peerInitialWindow = DEFAULT_WINDOW;
  long connectionSendWindow = DEFAULT_WINDOW;
  /** Highest stream the server said it will process (GOAWAY), or MAX_VALUE. */
  int goAwayLastStream = Integer.MAX_VALUE;
  private int nextStreamId = 1;
  /** A stream frame read early (the response beginning while the request was still being sent). */
  private Http2Frame pushedBack;

  private Http2Connection(Socket socket, URI endpoint) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16_384));
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
    this.scheme = endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
    this.authority = endpoint.getHost() + ":" + port(endpoint);
  }

  /** Connects, sends the preface, this side's settings and a larger connection window. */
  static Http2Connection open(URI endpoint, SSLSocketFactory tls, int connectTimeoutMillis) throws IOException {
    boolean secure = "https".equalsIgnoreCase(endpoint.getScheme());
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(endpoint.getHost(), port(endpoint)), connectTimeoutMillis);
      Socket socket = plain;
      if (secure) {
        SSLSocket ssl = (SSLSocket) (tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(plain, endpoint.getHost(), port(endpoint), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setApplicationProtocols(new String[] {"h2"});
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(connectTimeoutMillis);
        ssl.startHandshake();
        if (!"h2".equals(ssl.getApplicationProtocol())) {
          ssl.close();
          throw new IOException(endpoint + " did not agree to HTTP/2 (ALPN h2), which gRPC needs");
        }
        socket = ssl;
      }
      Http2Connection c = new Http2Connection(socket, endpoint);
      c.out.write(PREFACE);
      c.writeFrame(SETTINGS, 0, 0, new byte[] {0, 2, 0, 0, 0, 0, // ENABLE_PUSH 0
          0, 4, (byte) (RECEIVE_WINDOW >>> 24), (byte) (RECEIVE_WINDOW >>> 16), (byte) (RECEIVE_WINDOW >>> 8),
          (byte) RECEIVE_WINDOW}, 0, 12);
      c.windowUpdate(0, RECEIVE_WINDOW - DEFAULT_WINDOW);
      c.out.flush();
      return c;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  static int port(URI endpoint) {
    return endpoint.getPort() > 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
  }

  /** A new client stream id, or -1 when this connection has no more (then open a new one). */
  int newStream() {
    if (nextStreamId < 0 || nextStreamId > goAwayLastStream) {
      return -1;
    }
    int id = nextStreamId;
    nextStreamId += 2;
    return id;
  }

  boolean usable() {
    return !socket.isClosed() && nextStreamId > 0 && goAwayLastStream == Integer.MAX_VALUE;
  }

  void setReadTimeout(long millis) throws IOException {
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
  }

  void writeFrame(int type, int flags, int stream, byte[] payload, int offset, int length) throws IOException {
    out.write(length >>> 16);
    out.write(length >>> 8);
    out.write(length);
    out.write(type);
    out.write(flags);
    writeInt(stream & 0x7fffffff);
    out.write(payload, offset, length);
  }

  void windowUpdate(int stream, int increment) throws IOException {
    writeFrame(WINDOW_UPDATE, 0, stream, new byte[] {(byte) (increment >>> 24), (byte) (increment >>> 16),
        (byte) (increment >>> 8), (byte) increment}, 0, 4);
  }

  void flush() throws IOException {
    out.flush();
  }

  /**
   * The next frame for a stream (stream id above 0), after answering connection frames. A WINDOW_UPDATE on a stream is
   * returned too, for the caller's send window.
   */
  Http2Frame nextStreamFrame() throws IOException {
    if (pushedBack != null) {
      Http2Frame f = pushedBack;
      pushedBack = null;
      return f;
    }
    while (true) {
      int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      int stream = in.readInt() & 0x7fffffff;
      if (length > MAX_FRAME) {
        throw new IOException("HTTP/2 frame of " + length + " bytes is larger than this client accepts");
      }
      byte[] payload = new byte[length];
      in.readFully(payload);
      if (stream != 0 && type != PUSH_PROMISE) {
        return new Http2Frame(type, flags, stream, payload);
      }
      switch (type) {
        case SETTINGS:
          if ((flags & ACK) == 0) {
            applySettings(payload);
            writeFrame(SETTINGS, ACK, 0, payload, 0, 0);
            flush();
          }
          break;
        case PING:
          if ((flags & ACK) == 0) {
            writeFrame(PING, ACK, 0, payload, 0, payload.length);
            flush();
          }
          break;
        case WINDOW_UPDATE:
          connectionSendWindow += Http2Frame.int31(payload, 0);
          break;
        case GOAWAY:
          goAwayLastStream = Http2Frame.int31(payload, 0);
          break;
        case PUSH_PROMISE:
          throw new IOException("HTTP/2 server pushed a stream although push is disabled");
        default:
          break; // PRIORITY and unknown frame types are ignored, as RFC 9113 asks
      }
    }
  }

  /** {@code frame} is returned again by the next {@link #nextStreamFrame}. */
  void pushBack(Http2Frame frame) {
    pushedBack = frame;
  }

  private void applySettings(byte[] p) throws IOException {
    for (int i = 0; i + 6 <= p.length; i += 6) {
      int id = ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
      int value = Http2Frame.int32(p, i + 2);
      if (id == 0x4) {
        if (value < 0) {
          throw new IOException("HTTP/2 SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1");
        }
        peerInitialWindow = value;
      } else if (id == 0x5) {
        peerMaxFrameSize = Math.max(16_384, Math.min(value, 1 << 24));
      }
    }
  }

  private void writeInt(int v) throws IOException {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
