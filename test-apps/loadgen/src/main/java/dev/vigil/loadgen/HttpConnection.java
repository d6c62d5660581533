package dev.vigil.loadgen;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client on a plain socket: far cheaper per request than a general client, so the load
 * generator's own core is not what limits a run. Reads Content-Length and chunked bodies, reconnects when the server
 * closes. One thread at a time.
 */
final class HttpConnection implements Closeable {
  private static final int TIMEOUT_MILLIS = 30_000;

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  HttpConnection(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Sends one request and reads the whole response; returns the status code. */
  int request(String method, String path, byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      return exchange(method, path, body);
    } catch (IOException e) {
      close(); // a stale keep-alive connection: retry once on a fresh one
      connect();
      return exchange(method, path, body);
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private int exchange(String method, String path, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(128).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
        .append(host).append(':').append(port).append("\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    if (body == null) {
      out.write(headBytes);
    } else {
      byte[] all = new byte[headBytes.length + body.length];
      System.arraycopy(headBytes, 0, all, 0, headBytes.length);
      System.arraycopy(body, 0, all, headBytes.length, body.length);
      out.write(all);
    }
    out.flush();
    return readResponse("HEAD".equals(method));
  }

  private int readResponse(boolean noBody) throws IOException {
    String status = readLine();
    if (status == null || !status.startsWith("HTTP/1.")) {
      throw new IOException("bad status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = status.startsWith("HTTP/1.0");
    String line;
    while ((line = readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      } else if (name.equalsIgnoreCase("connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    if (line == null) {
      throw new IOException("connection closed in the response head");
    }
    boolean bodyless = noBody || code == 204 || code == 304 || (code >= 100 && code < 200);
    if (!bodyless) {
      if (chunked) {
        readChunked();
      } else if (length >= 0) {
        skip(length);
      } else {
        close = true; // body runs to the end of the connection
        while (in.read() >= 0) {
          // drain
        }
      }
    }
    if (close) {
      close();
    }
    return code;
  }

  private void readChunked() throws IOException {
    while (true) {
      String size = readLine();
      if (size == null) {
        throw new IOException("connection closed in a chunked body");
      }
      int semi = size.indexOf(';');
      long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        String trailer;
        while ((trailer = readLine()) != null && !trailer.isEmpty()) {
          // trailers are ignored
        }
        return;
      }
      skip(n);
      readLine();
    }
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed in the body");
        }
        skipped = 1;
      }
      n -= skipped;
    }
  }

  private final ByteArrayOutputStream lineBuf = new ByteArrayOutputStream(128);

  private String readLine() throws IOException {
    lineBuf.reset();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int len = lineBuf.size();
        String s = lineBuf.toString(StandardCharsets.ISO_8859_1);
        return len > 0 && s.charAt(len - 1) == '\r' ? s.substring(0, len - 1) : s;
      }
      lineBuf.write(b);
    }
    return lineBuf.size() == 0 ? null : lineBuf.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
