package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Serves its first request the moment it listens: main starts a JDK HttpServer and at once calls it itself, before
 * printing READY. With the instrumentation installed beside the application's start-up, that request went unseen.
 */
public final class FirstRequestApp {
  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/first", exchange -> {
      byte[] body = "first".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    int port = server.getAddress().getPort();
    HttpURLConnection first = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/first").openConnection();
    System.out.println("FIRST " + first.getResponseCode());
    first.disconnect();
    System.out.println("READY " + port);
  }
}
