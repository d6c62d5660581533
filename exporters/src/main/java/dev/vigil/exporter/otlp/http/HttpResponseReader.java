package dev.vigil.exporter.otlp.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response (RFC 9112): status line, headers, a Content-Length, chunked or close-delimited body,
 * within fixed caps so that no peer can make it hold more than about {@link #MAX_BODY} plus {@link #MAX_HEADERS} bytes:
 * each line, the header count and bytes (trailers included), the body, the interim (1xx) responses. A response past a
 * cap is an IOException. Time is the caller's deadline (the stream's).
 */
final class HttpResponseReader {
  static final int MAX_LINE = 8192;
  static final int MAX_HEADERS = 64 << 10;
  static final int MAX_HEADER_COUNT = 100;
  static final int MAX_BODY = 4 << 20;
  static final int MAX_INTERIM = 8;

  private final InputStream in;
  private int headerBytes;
  private int headerCount;

  private HttpResponseReader(InputStream in) {
    this.in = in;
  }

  static HttpResult read(InputStream in) throws IOException {
    return new HttpResponseReader(in).response();
  }

  private HttpResult response() throws IOException {
    for (int interim = 0; interim <= MAX_INTERIM; interim++) {
      String statusLine = line();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
        throw new IOException("not an HTTP/1.1 status line");
      }
      int status = (int) number(parts[1], "status", 10);
      long length = -1;
      boolean chunked = false;
      boolean closes = parts[0].equals("HTTP/1.0");
      for (String h = header(); h != null; h = header()) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          length = number(value, "Content-Length", 10);
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equals("connection")) {
          closes = value.equalsIgnoreCase("close");
        }
      }
      if (status < 200) {
        continue; // 1xx interim responses come before the real one
      }
      byte[] body;
      if (chunked) {
        body = chunked();
      } else if (length >= 0) {
        body = exactly(length);
      } else if (status == 204 || status == 304) {
        body = new byte[0];
      } else { // no length: the body runs to the end of the connection
        body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          throw new IOException("HTTP response body larger than " + MAX_BODY + " bytes");
        }
        closes = true;
      }
      return new HttpResult(status, parts.length > 2 ? parts[2] : "", body, closes);
    }
    throw new IOException("more than " + MAX_INTERIM + " interim HTTP responses");
  }

  /** The next header line, or null at the empty line that ends them; counted against the caps. */
  private String header() throws IOException {
    String h = line();
    if (h.isEmpty()) {
      return null;
    }
    headerBytes += h.length();
    if (++headerCount > MAX_HEADER_COUNT || headerBytes > MAX_HEADERS) {
      throw new IOException("HTTP response headers exceed " + MAX_HEADER_COUNT + " lines or " + MAX_HEADERS
          + " bytes");
    }
    return h;
  }

  private byte[] chunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semi = size.indexOf(';');
      long n = number(semi >= 0 ? size.substring(0, semi) : size, "chunk size", 16);
      if (n == 0) {
        while (header() != null) {
          // trailers: read within the header caps, ignored
        }
        return body.toByteArray();
      }
      if (n > MAX_BODY - body.size()) {
        throw new IOException("HTTP response body larger than " + MAX_BODY + " bytes");
      }
      body.write(exactly(n));
      if (!line().isEmpty()) {
        throw new IOException("no CRLF after an HTTP chunk");
      }
    }
  }

  private byte[] exactly(long length) throws IOException {
    if (length > MAX_BODY) {
      throw new IOException("HTTP response body of " + length + " bytes is larger than " + MAX_BODY);
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new IOException("HTTP response body cut short");
    }
    return body;
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed before the HTTP response ended");
      }
      if (b.size() >= MAX_LINE) {
        throw new IOException("HTTP response line longer than " + MAX_LINE);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** A non-negative number of at most 15 digits (a long never overflows); the value is never quoted (peer text). */
  private static long number(String v, String what, int radix) throws IOException {
    String s = v.trim();
    if (s.isEmpty() || s.length() > 15) {
      throw new IOException("bad HTTP " + what);
    }
    try {
      long n = Long.parseLong(s, radix);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IOException("bad HTTP " + what);
  }
}
