package dev.vigil.exporter.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A client that writes exactly the bytes a test gives, and reads one response by its Content-Length. */
final class RawHttp {
  private RawHttp() {}

  static Socket connect(int port) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(30_000);
    return s;
  }

  static void write(Socket s, String request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Sends, then true when the server closes the connection without a response (or resets it). */
  static boolean sendExpectingNoReply(int port, String request) throws IOException {
    try (Socket s = connect(port)) {
      try {
        write(s, request);
        return s.getInputStream().read() < 0;
      } catch (SocketException reset) {
        return true;
      }
    }
  }

  static Set<Thread> liveThreads() {
    return new HashSet<>(Thread.getAllStackTraces().keySet());
  }

  static Reply read(InputStream in, boolean head) throws IOException {
    Reply r = new Reply();
    String[] status = line(in).split(" ", 3);
    r.status = Integer.parseInt(status[1]);
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      r.headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    int length = head ? 0 : Integer.parseInt(r.headers.getOrDefault("content-length", "0"));
    r.body = in.readNBytes(length);
    if (r.body.length < length) {
      throw new EOFException("body cut at " + r.body.length + " of " + length);
    }
    return r;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed; read so far: " + line.toString(StandardCharsets.ISO_8859_1));
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  static final class Reply {
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body;

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
