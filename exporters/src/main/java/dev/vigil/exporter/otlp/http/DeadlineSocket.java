package dev.vigil.exporter.otlp.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection on which every connect, read and write ends by one deadline, on the calling thread: a
 * non-blocking channel waited on with its own selector, so no watchdog thread is needed (a blocking socket bounds each
 * read only, and no write). A trickling or silent peer meets the deadline; {@link #close()} from any thread ends a wait
 * at once. TLS layers over it ({@code SSLSocketFactory.createSocket(socket, host, port, true)}) and inherits both.
 */
final class DeadlineSocket extends Socket {
  private final SocketChannel channel;
  private final Selector selector;
  private final InputStream in = new In();
  private final OutputStream out = new Out();
  private volatile long deadlineNanos;

  private DeadlineSocket(SocketChannel channel, Selector selector) {
    this.channel = channel;
    this.selector = selector;
  }

  /** Connects to {@code address} (resolved by the caller) by {@code deadlineNanos} (System.nanoTime). */
  static DeadlineSocket connect(InetSocketAddress address, long deadlineNanos) throws IOException {
    SocketChannel channel = SocketChannel.open();
    Selector selector = null;
    try {
      selector = Selector.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      DeadlineSocket s = new DeadlineSocket(channel, selector);
      s.deadline(deadlineNanos);
      if (!channel.connect(address)) {
        while (!channel.finishConnect()) {
          s.await(SelectionKey.OP_CONNECT);
        }
      }
      return s;
    } catch (IOException | RuntimeException e) {
      channel.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  /** The time (System.nanoTime) by which every wait from now on ends. */
  void deadline(long nanos) {
    deadlineNanos = nanos;
  }

  private void await(int op) throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    try {
      channel.register(selector, op);
      selector.select(Math.max(1, left / 1_000_000));
      selector.selectedKeys().clear();
    } catch (ClosedSelectorException e) {
      throw new SocketException("closed");
    }
    if (!channel.isOpen()) {
      throw new SocketException("closed");
    }
  }

  private final class In extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (true) {
        int n = channel.read(ByteBuffer.wrap(b, off, len));
        if (n != 0) {
          return n;
        }
        await(SelectionKey.OP_READ);
      }
    }
  }

  private final class Out extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        if (channel.write(buffer) == 0) {
          await(SelectionKey.OP_WRITE);
        }
      }
    }
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public OutputStream getOutputStream() {
    return out;
  }

  /** Callable from any thread: a wait in progress ends with an IOException. */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      selector.close(); // wakes a thread in select()
    }
  }

  @Override
  public boolean isConnected() {
    return channel.isConnected();
  }

  @Override
  public boolean isClosed() {
    return !channel.isOpen();
  }

  @Override
  public InetAddress getInetAddress() {
    return channel.socket().getInetAddress();
  }

  @Override
  public int getPort() {
    return channel.socket().getPort();
  }

  @Override
  public int getLocalPort() {
    return channel.socket().getLocalPort();
  }

  @Override
  public InetAddress getLocalAddress() {
    return channel.socket().getLocalAddress();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return channel.socket().getRemoteSocketAddress();
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return channel.socket().getLocalSocketAddress();
  }

  /** The deadline rules here; a TLS layer's own timeouts are ignored. */
  @Override
  public void setSoTimeout(int timeout) {}

  @Override
  public int getSoTimeout() {
    return 0;
  }

  @Override
  public void shutdownInput() throws IOException {
    channel.shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }
}
