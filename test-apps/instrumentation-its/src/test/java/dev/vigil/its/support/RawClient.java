package dev.vigil.its.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 client on one kept-alive socket that sends exactly the request line it is given (any method, any path:
 * what a scanner sends) and reads the answer by its Content-Length. Reconnects when the server closes.
 */
public final class RawClient implements AutoCloseable {
  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;

  public RawClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Sends {@code METHOD target HTTP/1.1} and returns the status; -1 when the server closed without answering. */
  public int send(String method, String target) throws IOException {
    connect();
    try {
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return readAnswer(in, method.equals("HEAD"));
    } catch (IOException closed) {
      close();
      return -1;
    }
  }

  /**
   * Sends a GET of every target at once, before reading any answer (HTTP/1.1 pipelining), then reads the answers in
   * order; returns their statuses.
   */
  public java.util.List<Integer> pipeline(String... targets) throws IOException {
    connect();
    StringBuilder requests = new StringBuilder();
    for (String target : targets) {
      requests.append("GET ").append(target).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n\r\n");
    }
    OutputStream out = socket.getOutputStream();
    out.write(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      statuses.add(readAnswer(in, false));
    }
    return statuses;
  }

  private void connect() throws IOException {
    if (socket == null) {
      socket = new Socket(host, port);
      socket.setSoTimeout(30_000);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream());
    }
  }

  private int readAnswer(InputStream in, boolean head) throws IOException {
    String status = line(in);
    int length = 0;
    boolean close = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (!head && in.readNBytes(length).length < length) {
      throw new EOFException("body cut");
    }
    if (close) {
      close();
    }
    return Integer.parseInt(status.split(" ")[1]);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
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
