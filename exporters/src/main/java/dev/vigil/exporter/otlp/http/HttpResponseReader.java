package dev.vigil.exporter.otlp.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads one HTTP/1.1 response (RFC 9112): status line, headers, a Content-Length or chunked body. */
final class HttpResponseReader {
  private static final int MAX_LINE = 8192;

  private HttpResponseReader() {}

  static HttpResult read(InputStream in, int maxBody) throws IOException {
    String statusLine;
    int status;
    do { // 1xx interim responses come before the real one
      statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.1 status line: " + statusLine);
      }
      status = parseInt(parts[1], "status");
      long length = -1;
      boolean chunked = false;
      boolean closes = parts[0].equals("HTTP/1.0");
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          length = parseInt(value, "Content-Length");
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equals("connection")) {
          closes = value.equalsIgnoreCase("close");
        }
      }
      if (status >= 200) {
        byte[] body = chunked ? chunked(in, maxBody) : length >= 0 ? Http11Client.readAll(in, length, maxBody)
            : status == 204 || status == 304 ? new byte[0] : null;
        if (body == null) { // no length: the body runs to the end of the connection
          body = in.readNBytes(maxBody);
          closes = true;
        }
        return new HttpResult(status, parts.length > 2 ? parts[2] : "", body, closes);
      }
    } while (true);
  }

  private static byte[] chunked(InputStream in, int maxBody) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int semi = size.indexOf(';');
      long n;
      try {
        n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + size);
      }
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers: ignored
        }
        return body.toByteArray();
      }
      body.write(Http11Client.readAll(in, n, maxBody - body.size()));
      line(in); // the CRLF after the chunk
    }
  }

  private static String line(InputStream in) throws IOException {
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

  private static int parseInt(String v, String what) throws IOException {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IOException("bad HTTP " + what + ": " + v);
    }
  }
}
