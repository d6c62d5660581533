package dev.vigil.exporter.otlp.okhttp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * A socket factory whose sockets stop reading once the peer has sent more than a budget of bytes since the last
 * {@link #reset()}: the read fails, and the client drops the connection. An OTLP response is a few hundred bytes; a
 * peer that floods (PING, SETTINGS, endless CONTINUATION or DATA frames, header fields a client does not count) meets
 * the budget long before the client's heap or CPU does. TLS layers over these sockets, so its bytes count too.
 */
public final class ByteBudget extends SocketFactory {
  private final long bytesPerExport;
  private final AtomicLong left = new AtomicLong();

  public ByteBudget(long bytesPerExport) {
    this.bytesPerExport = bytesPerExport;
    reset();
  }

  /** A new export begins: the peer may send {@code bytesPerExport} more. */
  public void reset() {
    left.set(bytesPerExport);
  }

  @Override
  public Socket createSocket() {
    return new Budgeted();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket s = createSocket();
    if (local != null) {
      s.bind(local);
    }
    s.connect(remote);
    return s;
  }

  private final class Budgeted extends Socket {
    private InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new Counted(super.getInputStream());
      }
      return in;
    }
  }

  private final class Counted extends FilterInputStream {
    Counted(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        spend(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        spend(n);
      }
      return n;
    }

    private void spend(int n) throws IOException {
      if (left.addAndGet(-n) < 0) {
        throw new IOException("the OTLP peer sent more than " + bytesPerExport + " bytes for one export");
      }
    }
  }
}
