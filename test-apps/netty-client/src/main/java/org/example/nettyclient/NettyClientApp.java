package org.example.nettyclient;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link Backend} and a control server (prints {@code READY <its port>}) whose
 * {@code /run?repeat=N&clients=a,b} calls the backend, through each client, N times at {@code /hello/<client>} (with a
 * secret query), once at {@code /missing/<client>} (404) and once on a closed port; {@code reactor-redirect} calls
 * {@code /redirect/<client>} instead, {@code reactor-cancel} {@code /slow/<client>} (and gives up first). It answers
 * {@code RESULT <client> <status or exception>} lines, then the backend's {@code SEEN} lines.
 */
public final class NettyClientApp {
  public static void main(String[] args) throws Exception {
    Backend backend = new Backend();
    HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    control.createContext("/run", exchange -> {
      Map<String, String> query = new HashMap<>();
      for (String pair : exchange.getRequestURI().getQuery().split("&")) {
        query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      StringBuilder out = new StringBuilder();
      try {
        run(backend, Integer.parseInt(query.get("repeat")), List.of(query.get("clients").split(",")), out);
      } catch (Throwable e) {
        out.append("FAILED ").append(e).append('\n');
        e.printStackTrace(System.out);
      }
      for (String line : backend.seen()) {
        out.append("SEEN ").append(line).append('\n');
      }
      Backend.respond(exchange, 200, out.toString());
    });
    control.start();
    System.out.println("READY " + control.getAddress().getPort());
    System.out.flush();
  }

  private static void run(Backend backend, int repeat, List<String> clients, StringBuilder out) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String base = "http://127.0.0.1:" + backend.port();
    for (String client : clients) {
      if (client.equals("reactor-redirect")) {
        result(client, base + "/redirect/" + client, out);
      } else if (client.equals("reactor-cancel")) {
        result(client, base + "/slow/" + client, out);
      } else {
        for (int i = 0; i < repeat; i++) {
          result(client, base + "/hello/" + client + "?token=s3cret&page=" + i, out);
        }
        result(client, base + "/missing/" + client + "?token=s3cret", out);
        result(client, "http://127.0.0.1:" + closed + "/refused/" + client + "?token=s3cret", out);
      }
    }
  }

  private static void result(String client, String url, StringBuilder out) {
    String result;
    try {
      result = Integer.toString(Clients.get(client, url));
    } catch (Exception e) {
      result = e.getClass().getName();
    }
    out.append("RESULT ").append(client).append(' ').append(result).append('\n');
  }
}
