package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A quiet service full of background pools that do no work for anyone: HikariCP on H2 (its housekeeper and connection
 * adder), whatever other JDBC driver is on the class path (MySQL Connector/J starts its abandoned-connection cleanup
 * thread when DriverManager loads it, even though no MySQL is used), and a scheduled pool holding tasks due in an hour.
 * Endpoints: {@code /db} (one query), {@code /hold} (fills the "reports" pool: 1 running, 1 queued), {@code /release}.
 */
public final class HousekeepingApp {
  private static HikariDataSource db;
  private static final ThreadPoolExecutor REPORTS = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
      new LinkedBlockingQueue<>(), named("reports-"));
  private static volatile CountDownLatch release = new CountDownLatch(1);

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    config.setPoolName("app-db");
    config.setMaximumPoolSize(4);
    db = new HikariDataSource(config); // DriverManager loads every driver on the class path here
    ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(1, named("ticker-"));
    ticker.scheduleAtFixedRate(() -> { }, 0, 1, TimeUnit.HOURS); // ran once now, next in an hour
    ticker.schedule(() -> { }, 1, TimeUnit.HOURS);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService web = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
        named("web-"));
    server.setExecutor(web);
    server.createContext("/", HousekeepingApp::handle);
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String body;
    try {
      body = route(exchange.getRequestURI().getPath());
    } catch (Exception e) {
      body = e.toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String route(String path) throws Exception {
    switch (path) {
      case "/db":
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SELECT 1")) {
          r.next();
          return "db " + r.getInt(1);
        }
      case "/hold":
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = release;
        REPORTS.execute(() -> {
          started.countDown();
          await(gate);
        });
        REPORTS.execute(() -> await(gate));
        return started.await(60, TimeUnit.SECONDS) ? "held" : "not started";
      case "/release":
        release.countDown();
        release = new CountDownLatch(1);
        return "released";
      default:
        return "ok";
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
