package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** A JDK HttpServer whose {@code /burn} spends about a millisecond of CPU per request (counting primes). */
public final class CpuBurnApp {
  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/burn", CpuBurnApp::burn);
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static void burn(HttpExchange exchange) throws IOException {
    byte[] body = Integer.toString(primesBelow(20_000)).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  static int primesBelow(int n) {
    int count = 0;
    for (int i = 2; i < n; i++) {
      boolean prime = true;
      for (int d = 2; d * d <= i; d++) {
        if (i % d == 0) {
          prime = false;
          break;
        }
      }
      count += prime ? 1 : 0;
    }
    return count;
  }
}
