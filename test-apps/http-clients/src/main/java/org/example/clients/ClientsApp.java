package org.example.clients;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Modes:
 * <ul>
 *   <li>{@code script}: starts a {@link Backend} here and a control server (prints {@code READY <its port>}) whose
 *   {@code /run?repeat=N&clients=a,b} calls the backend, through each client, N times at {@code /hello/<client>} (with
 *   user-info, except for Apache HttpClient 5 which refuses it, and a secret query in the URL), once at
 *   {@code /missing/<client>} (404) and once on a closed port; it answers {@code RESULT <client> <status or exception>}
 *   lines, then the backend's {@code SEEN} lines.</li>
 *   <li>{@code backend}: a {@link Backend} alone; prints {@code READY <port>}.</li>
 *   <li>{@code fanout BACKEND_URL}: a server whose {@code /fanout} calls {@code BACKEND_URL/hello/<client>} through
 *   every client from a thread pool (OkHttp's async callback calls {@code /hello/okhttp-callback} through
 *   HttpURLConnection) and answers 200 when all succeeded; prints {@code READY <port>}.</li>
 * </ul>
 */
public final class ClientsApp {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "script": script(); break;
      case "backend": System.out.println("READY " + new Backend().port()); break;
      case "fanout": fanout(args[1]); break;
      default: throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
  }

  private static void script() throws Exception {
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
  }

  private static void run(Backend backend, int repeat, List<String> clients, StringBuilder out) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    for (String client : clients) {
      String base = "http://" + (client.startsWith("apache5") ? "" : "alice:pw123@") + "127.0.0.1:" + backend.port();
      for (int i = 0; i < repeat; i++) {
        result(client, base + "/hello/" + client + "?token=s3cret&page=" + i, out);
      }
      result(client, base + "/missing/" + client + "?token=s3cret", out);
      result(client, "http://127.0.0.1:" + closed + "/refused/" + client + "?token=s3cret", out);
    }
  }

  private static void result(String client, String url, StringBuilder out) {
    String result;
    try {
      result = Integer.toString(Clients.get(client, url, null));
    } catch (Exception e) {
      result = e.getClass().getName();
    }
    out.append("RESULT ").append(client).append(' ').append(result).append('\n');
  }

  private static void fanout(String backendUrl) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/fanout", exchange -> {
      List<Future<Integer>> calls = new ArrayList<>();
      for (String client : Clients.ALL) {
        Runnable callback = !client.equals("okhttp-async") ? null : () -> {
          try {
            Clients.urlConnection(backendUrl + "/hello/okhttp-callback");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
        calls.add(pool.submit(() -> Clients.get(client, backendUrl + "/hello/" + client, callback)));
      }
      StringBuilder body = new StringBuilder();
      int status = 200;
      for (int i = 0; i < calls.size(); i++) {
        try {
          body.append(Clients.ALL.get(i)).append('=').append(calls.get(i).get()).append('\n');
        } catch (Exception e) {
          body.append(Clients.ALL.get(i)).append('=').append(e).append('\n');
          status = 500;
        }
      }
      Backend.respond(exchange, status, body.toString());
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }
}
