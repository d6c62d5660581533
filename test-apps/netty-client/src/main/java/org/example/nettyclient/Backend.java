package org.example.nettyclient;

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
 * The server the clients call: {@code /hello/...} answers 200, {@code /missing/...} 404, {@code /redirect/X} 302 to
 * {@code /hello/X}, {@code /slow/...} 200 after two seconds. It keeps, per request, the path and the traceparent it
 * arrived with ({@code <path> traceparent=<value or ->}).
 */
final class Backend {
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  Backend() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<String> seen() {
    return seen;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
    seen.add(path + " traceparent=" + (traceparent == null ? "-" : traceparent));
    if (path.startsWith("/redirect/")) {
      exchange.getResponseHeaders().set("Location", "/hello/" + path.substring("/redirect/".length()));
      respond(exchange, 302, "");
      return;
    }
    if (path.startsWith("/slow/")) {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
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
