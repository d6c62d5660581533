package dev.vigil.its.support;

import static dev.vigil.its.support.Http2Frames.CONTINUATION;
import static dev.vigil.its.support.Http2Frames.DATA;
import static dev.vigil.its.support.Http2Frames.END_HEADERS;
import static dev.vigil.its.support.Http2Frames.HEADERS;
import static dev.vigil.its.support.Http2Frames.PING;
import static dev.vigil.its.support.Http2Frames.SETTINGS;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OTLP "collector" that misbehaves on purpose, one behaviour per instance: the test plays the bad peer over a raw
 * socket (HTTP/1.1 text, or HTTP/2 frames written by hand). Every connection gets its own daemon thread; close()
 * ends them all.
 */
public final class HostileCollector implements AutoCloseable {
  /** What the peer does once a request comes. The http2 ones speak h2c with prior knowledge, as gRPC clients do. */
  public enum Behaviour {
    SILENT(false), ANSWERS_AFTER_3S(false), ONE_BYTE_A_SECOND(false), ENDLESS_HEADERS(false), ENDLESS_BODY(false),
    H2_SILENT(true), PING_FLOOD(true), SETTINGS_FLOOD(true), CONTINUATION_FLOOD(true), EMPTY_HEADER_FLOOD(true),
    DATA_FLOOD(true), OVERSIZED_FRAME(true), OVERSIZED_HEADERS(true);

    public final boolean http2;

    Behaviour(boolean http2) {
      this.http2 = http2;
    }
  }

  private final ServerSocket server = new ServerSocket(0);
  private final Behaviour behaviour;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong bytesSent = new AtomicLong();
  private volatile boolean closed;

  private HostileCollector(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    daemon(this::accept, "hostile-accept");
  }

  public static HostileCollector start(Behaviour behaviour) throws IOException {
    return new HostileCollector(behaviour);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public int connections() {
    return connections.get();
  }

  /** Bytes of hostile output written so far: how hard the peer pushed. */
  public long bytesSent() {
    return bytesSent.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        connections.incrementAndGet();
        daemon(() -> serve(s), "hostile-" + behaviour);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = new Counting(new BufferedOutputStream(s.getOutputStream(), 65_536));
      if (behaviour.http2) {
        http2(in, out);
      } else {
        http1(in, out);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      // the agent gave up on us: what it should do
    }
  }

  private void http1(InputStream in, OutputStream out) throws IOException, InterruptedException {
    while (!closed) {
      readRequest(in);
      switch (behaviour) {
        case SILENT:
          in.transferTo(OutputStream.nullOutputStream());
          return;
        case ANSWERS_AFTER_3S:
          Thread.sleep(3_000);
          write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
          break;
        case ONE_BYTE_A_SECOND:
          for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            Thread.sleep(1_000);
          }
          return;
        case ENDLESS_HEADERS:
          write(out, "HTTP/1.1 200 OK\r\n");
          while (!closed) {
            write(out, "X-Flood: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
          }
          return;
        case ENDLESS_BODY:
          write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
          String chunk = "4000\r\n" + "a".repeat(0x4000) + "\r\n";
          while (!closed) {
            write(out, chunk);
          }
          return;
        default:
          throw new IllegalStateException(behaviour.toString());
      }
    }
  }

  /** Request line and headers, then Content-Length bytes of body. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    if (c < 0) {
      throw new IOException("closed");
    }
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        in.skipNBytes(Long.parseLong(line.substring(15).trim()));
      }
    }
  }

  private void http2(InputStream raw, OutputStream out) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] preface = in.readNBytes(Http2Frames.PREFACE.length);
    if (!Arrays.equals(preface, Http2Frames.PREFACE) || behaviour == Behaviour.H2_SILENT) {
      in.transferTo(OutputStream.nullOutputStream());
      return;
    }
    Http2Frames.write(out, SETTINGS, 0, 0, new byte[0]);
    out.flush();
    int[] frame;
    do { // until the client's request arrives: its HEADERS frame
      frame = Http2Frames.read(in);
      if (frame[0] == SETTINGS && (frame[1] & Http2Frames.ACK) == 0) {
        Http2Frames.write(out, SETTINGS, Http2Frames.ACK, 0, new byte[0]);
        out.flush();
      }
    } while (frame[0] != HEADERS);
    int stream = frame[2];
    daemon(() -> drain(in), "hostile-drain"); // keep reading, so that the client's writes never block
    misbehave(out, stream);
  }

  private void misbehave(OutputStream out, int stream) throws IOException {
    switch (behaviour) {
      case PING_FLOOD:
        while (!closed) {
          Http2Frames.write(out, PING, 0, 0, new byte[8]);
        }
        return;
      case SETTINGS_FLOOD:
        byte[] maxStreams = {0, 3, 0, 0, 0, 100}; // SETTINGS_MAX_CONCURRENT_STREAMS = 100
        while (!closed) {
          Http2Frames.write(out, SETTINGS, 0, 0, maxStreams);
        }
        return;
      case CONTINUATION_FLOOD:
      case EMPTY_HEADER_FLOOD:
        Http2Frames.write(out, HEADERS, 0, stream, Http2Frames.GRPC_RESPONSE_HEADERS);
        // endless: empty CONTINUATION frames, or frames full of empty fields (nothing for a byte limit to count)
        byte[] block = behaviour == Behaviour.EMPTY_HEADER_FLOOD ? Http2Frames.emptyFields(5461) : new byte[0];
        while (!closed) {
          Http2Frames.write(out, CONTINUATION, 0, stream, block);
        }
        return;
      case DATA_FLOOD:
        Http2Frames.write(out, HEADERS, END_HEADERS, stream, Http2Frames.GRPC_RESPONSE_HEADERS);
        byte[] data = new byte[16_384];
        data[1] = 0x7f; // a gRPC message that claims 2 GB
        while (!closed) {
          Http2Frames.write(out, DATA, 0, stream, data);
        }
        return;
      case OVERSIZED_FRAME:
        Http2Frames.writeHeader(out, 0xffffff, DATA, 0, stream);
        out.write(new byte[1 << 20]);
        out.flush();
        return;
      case OVERSIZED_HEADERS:
        byte[] big = Http2Frames.bigField(1 << 20);
        int at = 0;
        for (int type = HEADERS; at < big.length; type = CONTINUATION) {
          int n = Math.min(16_384, big.length - at);
          Http2Frames.write(out, type, at + n == big.length ? END_HEADERS : 0, stream,
              Arrays.copyOfRange(big, at, at + n));
          at += n;
        }
        out.flush();
        return;
      default:
        throw new IllegalStateException(behaviour.toString());
    }
  }

  private static void drain(InputStream in) {
    try {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // connection gone
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }

  /** Counts what is written. */
  private final class Counting extends java.io.FilterOutputStream {
    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      bytesSent.addAndGet(len);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      bytesSent.incrementAndGet();
    }
  }
}
