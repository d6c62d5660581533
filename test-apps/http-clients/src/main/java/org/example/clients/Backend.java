package org.example.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The server the clients call: {@code /hello/...} answers 200, {@code /missing/...} 404. It keeps, per request, the
 * path and the trace headers it arrived with; {@code /seen} lists them, one request a line:
 * {@code <path> traceparent=<value or -> baggage=<value or ->}.
 */
public final class Backend {
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  public Backend() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<String> seen() {
    return seen;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/seen")) {
      respond(exchange, 200, String.join("\n", seen));
      return;
    }
    String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
    String baggage = exchange.getRequestHeaders().getFirst("baggage");
    seen.add(path + " traceparent=" + (traceparent == null ? "-" : traceparent) + " baggage="
        + (baggage == null ? "-" : baggage));
    respond(exchange, path.startsWith("/missing") ? 404 : 200, "hello");
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
