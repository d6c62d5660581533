package dev.vigil.its.apps;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A plain JDK HttpServer service. {@code /guarded/...} runs behind the app's own filter, which catches what the handler
 * throws and prints it, so a test can check the app saw exactly its own exception.
 */
public final class JdkHttpServerApp {
  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", JdkHttpServerApp::handle);
    server.createContext("/guarded", JdkHttpServerApp::handle).getFilters().add(new Filter() {
      @Override
      public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        try {
          chain.doFilter(exchange);
        } catch (RuntimeException e) {
          System.out.println("CAUGHT " + e.getClass().getName() + ": " + e.getMessage()
              + " identity=" + (e == Thrown.LAST ? "same" : "different"));
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        }
      }

      @Override
      public String description() {
        return "catches handler exceptions";
      }
    });
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.endsWith("/boom")) {
      Thrown.LAST = new IllegalStateException("boom from the app");
      throw Thrown.LAST;
    }
    if (path.endsWith("/slow")) {
      sleep(300);
    }
    int status = path.startsWith("/missing") ? 404 : 200;
    byte[] body = ("ok " + path).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class Thrown {
    static volatile RuntimeException LAST;
  }
}
