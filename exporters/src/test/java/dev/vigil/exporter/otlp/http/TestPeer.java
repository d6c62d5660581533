package dev.vigil.exporter.otlp.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP/1.1 peer for tests: reads each request (head and Content-Length body) and lets the test answer it. */
abstract class TestPeer implements AutoCloseable {
  final ServerSocket socket = new ServerSocket(0);
  final AtomicInteger connections = new AtomicInteger();

  TestPeer() throws IOException {
    Thread t = new Thread(this::serve, "test-peer");
    t.setDaemon(true);
    t.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Answers one request (its head); false ends the connection. */
  abstract boolean answer(String head, OutputStream out) throws IOException, InterruptedException;

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> connection(s), "test-peer-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void connection(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      for (String head = request(in); head != null && answer(head, out); head = request(in)) {
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  /** The request's head, its body read; null when the client closed the connection. */
  private static String request(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      head.write(c);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    in.readNBytes(Integer.parseInt(h.replaceAll("(?s).*Content-Length: (\\d+).*", "$1")));
    return h;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
