package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A JDK HttpServer service with two CPU-heavy endpoints, each burning CPU in its own named method: /alpha/{id} in
 * {@link #alphaHotLoop}, /beta/{id} in {@link #betaHotLoop}. Each sleeps 5 ms around its work, so no CPU sample falls
 * on the edge of a request. With the argument {@code spin}, a thread also runs {@link #backgroundHotLoop} forever.
 */
public final class ProfiledApp {
  static volatile long sink;

  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/alpha", e -> handle(e, true));
    server.createContext("/beta", e -> handle(e, false));
    server.start();
    if (args.length > 0 && args[0].equals("spin")) {
      Thread t = new Thread(ProfiledApp::backgroundHotLoop, "spinner");
      t.setDaemon(true);
      t.start();
    }
    System.out.println("PID " + ProcessHandle.current().pid());
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static void handle(HttpExchange exchange, boolean alpha) throws IOException {
    sleep(5);
    long result = alpha ? alphaHotLoop(30) : betaHotLoop(30);
    sleep(5);
    byte[] body = ("ok " + result).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  static long alphaHotLoop(long millis) {
    return burn(millis, 31);
  }

  static long betaHotLoop(long millis) {
    return burn(millis, 17);
  }

  static void backgroundHotLoop() {
    while (true) {
      sink += burn(50, 7);
    }
  }

  private static long burn(long millis, int seed) {
    long end = System.nanoTime() + millis * 1_000_000L;
    long x = seed;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 1000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    sink = x;
    return x & 0xff;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
