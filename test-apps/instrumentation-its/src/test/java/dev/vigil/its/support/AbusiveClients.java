package dev.vigil.its.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that abuse an HTTP endpoint until closed: idle connections, a client dripping its request a byte a second, one
 * that never reads its answers, oversized headers, methods other than GET, malformed request lines. Each abuser
 * reconnects whenever the server cuts it off, and counts what it sent and how often it was cut off.
 */
public final class AbusiveClients implements AutoCloseable {
  private static final String[] MALFORMED = {"HELLO\r\n\r\n", "GET /%zz HTTP/1.1\r\n\r\n", "\u0000\u0001 \r\n\r\n",
      "GET /metrics\r\n\r\n", "GET /metrics HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
      "GET /vigil/profile?route=%zz HTTP/1.1\r\n\r\n"};
  private static final String[] BAD_METHODS = {"POST", "PUT", "DELETE", "BREW", "TRACE", "OPTIONS", "PATCH"};
  private final int port;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Socket> idle = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  /** Requests (or request attempts) sent by all abusers, and connections the server cut off. */
  public final AtomicLong sent = new AtomicLong();
  public final AtomicLong cutOff = new AtomicLong();

  private AbusiveClients(int port) {
    this.port = port;
  }

  public static AbusiveClients start(int port, int idleConnections) throws IOException {
    AbusiveClients a = new AbusiveClients(port);
    for (int i = 0; i < idleConnections; i++) {
      a.idle.add(new Socket("127.0.0.1", port));
    }
    a.loop("dripper", a::dripOnce);
    a.loop("deaf", a::neverRead);
    a.loop("huge-headers", a::hugeHeaders);
    a.loop("bad-methods", a::badMethods);
    a.loop("malformed", a::malformed);
    return a;
  }

  private interface Abuse {
    void once(Socket s) throws IOException, InterruptedException;
  }

  private void loop(String name, Abuse abuse) {
    Thread t = new Thread(() -> {
      while (running.get()) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.setSoTimeout(30_000);
          abuse.once(s);
        } catch (IOException cut) {
          cutOff.incrementAndGet();
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "abuse-" + name);
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  /** One byte a second of a request that never ends, until the server cuts the connection. */
  private void dripOnce(Socket s) throws IOException, InterruptedException {
    OutputStream out = s.getOutputStream();
    sent.incrementAndGet();
    out.write("GET /metrics HTTP/1.1\r\nX-Drip: ".getBytes(StandardCharsets.ISO_8859_1));
    while (running.get()) {
      out.write('a');
      out.flush();
      Thread.sleep(1_000);
    }
  }

  /** Pipelines scrapes and never reads an answer, until the server cuts the connection. */
  private void neverRead(Socket s) throws IOException, InterruptedException {
    byte[] scrape = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    OutputStream out = s.getOutputStream();
    while (running.get()) {
      out.write(scrape);
      out.flush();
      sent.incrementAndGet();
      Thread.sleep(5);
    }
  }

  private void hugeHeaders(Socket s) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write("GET /metrics HTTP/1.1\r\nX-Filler: ".getBytes(StandardCharsets.ISO_8859_1));
    byte[] filler = "a".repeat(64 * 1024).getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 16 && running.get(); i++) {
      out.write(filler); // 1 MiB in all: past the server's limit it stops reading and closes
    }
    out.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    sent.incrementAndGet();
    drain(s.getInputStream());
  }

  private void badMethods(Socket s) throws IOException {
    for (String method : BAD_METHODS) {
      s.getOutputStream().write((method + " /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      sent.incrementAndGet();
    }
    s.getOutputStream().write("GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    drain(s.getInputStream());
  }

  private void malformed(Socket s) throws IOException {
    s.getOutputStream().write(MALFORMED[(int) (sent.incrementAndGet() % MALFORMED.length)]
        .getBytes(StandardCharsets.ISO_8859_1));
    drain(s.getInputStream());
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    while (in.read(buf) >= 0) {
      // until the server closes
    }
  }

  @Override
  public void close() throws Exception {
    running.set(false);
    for (Socket s : idle) {
      s.close();
    }
    for (Thread t : threads) {
      t.interrupt();
      t.join(30_000);
    }
  }
}
