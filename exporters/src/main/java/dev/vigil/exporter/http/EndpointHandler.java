package dev.vigil.exporter.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the agent's read-only paths: GET and HEAD only, header size capped, gzip when asked. Answers to bad input are
 * fixed short texts: no exception text ever reaches a client. An exception of the connection itself (a client gone, a
 * deadline) propagates, so that the JDK server closes the connection.
 */
final class EndpointHandler implements HttpHandler {
  private static final String TEXT = "text/plain; charset=utf-8";
  private final Map<String, HttpEndpoint> endpoints;
  private final ExchangeDeadlines deadlines;

  EndpointHandler(Map<String, HttpEndpoint> endpoints, ExchangeDeadlines deadlines) {
    this.endpoints = endpoints;
    this.deadlines = deadlines;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    deadlines.requestRead();
    try {
      respond(exchange, answer(exchange));
    } finally {
      exchange.close();
    }
  }

  private HttpEndpoint.Response answer(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      return text(405, "only GET and HEAD\n");
    }
    Map<String, String> headers = headers(exchange.getRequestHeaders());
    if (headers == null) {
      return text(431, "request headers too large\n");
    }
    HttpEndpoint endpoint = endpoints.get(exchange.getRequestURI().getRawPath());
    if (endpoint == null) {
      return text(404, "not found; try /metrics or /vigil/signals\n");
    }
    String query = exchange.getRequestURI().getRawQuery();
    try {
      HttpEndpoint.Response response = endpoint.handle(headers, query == null ? "" : query);
      return response != null ? response : text(500, "internal error\n");
    } catch (Exception | LinkageError e) {
      return text(500, "internal error\n");
    }
  }

  /** Lower-case names, first value of each; null when they add up to more than the cap. */
  private static Map<String, String> headers(Headers raw) {
    Map<String, String> out = new HashMap<>();
    long bytes = 0;
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      for (String value : e.getValue()) {
        bytes += e.getKey().length() + (value == null ? 0 : value.length()) + 4;
      }
      if (bytes > ServerLimits.MAX_HEADER_BYTES) {
        return null;
      }
      if (!e.getValue().isEmpty()) {
        out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().get(0));
      }
    }
    return out;
  }

  private static void respond(HttpExchange exchange, HttpEndpoint.Response r) throws IOException {
    byte[] body = r.body;
    Headers out = exchange.getResponseHeaders();
    out.set("Content-Type", r.contentType);
    r.headers.forEach(out::set);
    String encoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    if (encoding != null && encoding.contains("gzip") && body.length > 0) {
      body = gzip(body);
      out.set("Content-Encoding", "gzip");
    }
    if (exchange.getRequestMethod().equals("HEAD")) {
      out.set("Content-Length", Integer.toString(body.length)); // the JDK server warns when HEAD passes a length
      exchange.sendResponseHeaders(r.status, -1);
      return;
    }
    exchange.sendResponseHeaders(r.status, body.length == 0 ? -1 : body.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(body);
    }
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
      z.write(body);
    }
    return zipped.toByteArray();
  }

  private static HttpEndpoint.Response text(int status, String body) {
    return new HttpEndpoint.Response(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
  }
}
