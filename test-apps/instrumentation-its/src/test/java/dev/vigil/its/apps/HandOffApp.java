package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A request handler that hands its work to other threads, each running one H2 query on a table named after the
 * hand-off: {@code /handoff} uses a ThreadPoolExecutor (tpe_items), a scheduled pool (st_items), the common ForkJoinPool
 * (fj_items), CompletableFuture.supplyAsync (cf_items), a parallel stream (ps_items, 4 queries) and, on Java 21+, a
 * virtual thread (vt_items). {@code /leak} then queries leak_items from the same pools, submitted by a thread that has
 * no context: a pooled thread that kept the request's context would put those under the request's trace.
 */
public final class HandOffApp {
  static final String URL = "jdbc:h2:mem:handoff;DB_CLOSE_DELAY=-1";
  static final String[] TABLES = {"tpe_items", "st_items", "fj_items", "cf_items", "ps_items", "vt_items", "leak_items"};
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  private static final ScheduledExecutorService SCHEDULED = Executors.newScheduledThreadPool(1);

  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", HandOffApp::handle);
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String body;
    int status = 200;
    try {
      body = route(exchange.getRequestURI().getPath());
    } catch (Exception e) {
      status = 500;
      body = e.toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String route(String path) throws Exception {
    switch (path) {
      case "/setup":
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
          for (String t : TABLES) {
            s.execute("CREATE TABLE IF NOT EXISTS " + t + " (id INT PRIMARY KEY)");
          }
        }
        return "ok";
      case "/handoff": {
        List<Future<?>> done = new ArrayList<>();
        done.add(POOL.submit(query("tpe_items")));
        done.add(SCHEDULED.schedule(query("st_items"), 1, TimeUnit.MILLISECONDS));
        done.add(ForkJoinPool.commonPool().submit(query("fj_items")));
        done.add(CompletableFuture.supplyAsync(() -> call(query("cf_items"))));
        ExecutorService virtual = VirtualThreads.executor();
        if (virtual != null) {
          done.add(virtual.submit(query("vt_items")));
        }
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
        IntStream.range(0, 4).parallel().forEach(i -> call(query("ps_items")));
        return "handed off " + (done.size() + 1) + (virtual != null ? " with virtual threads" : "");
      }
      case "/leak": {
        List<Future<?>> done = new ArrayList<>();
        Thread plain = new Thread(() -> {
          for (int i = 0; i < 4; i++) {
            done.add(POOL.submit(query("leak_items")));
            done.add(SCHEDULED.submit(query("leak_items")));
            done.add(ForkJoinPool.commonPool().submit(query("leak_items")));
          }
        });
        plain.start();
        plain.join();
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
        return "probed " + done.size();
      }
      default:
        return "unknown " + path;
    }
  }

  private static Callable<Integer> query(String table) {
    return () -> {
      try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        r.next();
        return r.getInt(1);
      }
    };
  }

  private static int call(Callable<Integer> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
