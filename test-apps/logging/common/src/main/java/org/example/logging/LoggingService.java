package org.example.logging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small HTTP service that logs through whatever framework its main class wraps: {@code GET /work?id=X} writes a line
 * on the request thread, a warning with an exception, and three lines from tasks of a shared worker pool; a command
 * {@code outside N} on standard input runs N tasks on that pool and N on the HTTP threads, outside any request, each
 * writing a line (where a stale trace id would show); {@code GET /sql-error?literal=X} logs a failing H2 query's
 * exception, whose message quotes X. Prints {@code READY <port>}, and {@code OUTSIDE DONE} after a
 * command.
 */
public final class LoggingService {
  private final AppLog log;
  private final AppLog second;
  private final ExecutorService workers = Executors.newFixedThreadPool(4, named("worker"));
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(4, named("http"));

  public LoggingService(AppLog log) {
    this(log, null);
  }

  /** {@code second}, when not null, writes one more line per request ({@code second-in-request id=X}). */
  public LoggingService(AppLog log, AppLog second) {
    this.log = log;
    this.second = second;
  }

  public void run() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.createContext("/work", this::work);
    server.createContext("/sql-error", this::sqlError);
    server.setExecutor(httpThreads);
    server.start();
    log.info("startup outside any request");
    System.out.println("READY " + server.getAddress().getPort());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("outside ")) {
        outside(Integer.parseInt(line.substring("outside ".length()).trim()));
        System.out.println("OUTSIDE DONE");
      }
    }
  }

  private void work(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String id = query == null ? "none" : query.replace("id=", "");
    try {
      log.info("inside-request id=" + id);
      log.warn("inside-request-error id=" + id, new IllegalStateException("failure in request " + id));
      if (second != null) {
        second.info("second-in-request id=" + id);
      }
      List<Future<?>> tasks = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        tasks.add(workers.submit(() -> log.info("pooled-in-request id=" + id)));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      byte[] body = ("ok " + id + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (Exception e) {
      exchange.sendResponseHeaders(500, -1);
    } finally {
      exchange.close();
    }
  }

  /** {@code GET /sql-error?literal=X}: a failing H2 query with X in it, logged with the driver's exception. */
  private void sqlError(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    String literal = query == null ? "none" : query.replace("literal=", "");
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:logging"); Statement s = c.createStatement()) {
      s.executeQuery("SELECT * FROM missing_table WHERE name = '" + literal + "'");
    } catch (SQLException e) {
      log.warn("query failed", e);
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private void outside(int n) throws Exception {
    List<Future<?>> tasks = new ArrayList<>(2 * n);
    for (int i = 0; i < n; i++) {
      int task = i;
      tasks.add(workers.submit(() -> log.info("outside-task worker " + task)));
      tasks.add(httpThreads.submit(() -> log.info("outside-task http " + task)));
    }
    for (Future<?> f : tasks) {
      f.get();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
