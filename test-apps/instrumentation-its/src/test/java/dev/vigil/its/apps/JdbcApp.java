package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;

/**
 * A JDK HttpServer service over HikariCP (pool "vigil-it", at most 2 connections). Args: JDBC URL, user, password,
 * table name. Each endpoint runs a known set of statements, so a test can count them; literals are distinctive
 * ('SECRET-123', 987654321) so a test can look for leaks. Nothing runs before the first request: the agent installs its
 * instrumentation beside the application's start-up.
 */
public final class JdbcApp {
  private static HikariConfig config;
  private static HikariDataSource pool;
  private static String table;

  public static void main(String[] args) throws Exception {
    table = args[3];
    config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setPassword(args[2]);
    config.setPoolName("vigil-it");
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(20_000);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", JdbcApp::handle);
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  /** Built on the first request, so that the pool starts after the agent did (a test checks the pool is found then). */
  private static synchronized HikariDataSource pool() {
    if (pool == null) {
      pool = new HikariDataSource(config);
    }
    return pool;
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    int status = 200;
    String body;
    try (Connection c = pool().getConnection()) {
      body = route(path, c);
    } catch (SQLException e) {
      status = 500;
      body = "sql error " + e.getSQLState();
    } catch (Exception e) {
      status = 500;
      body = e.getClass().getSimpleName();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String route(String path, Connection c) throws Exception {
    switch (path) {
      case "/setup": // 1 CREATE, 1 INSERT (a batch of 10)
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(64), secret VARCHAR(64))");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (id, name, secret) VALUES (?, ?, ?)")) {
          for (int i = 1; i <= 10; i++) {
            p.setInt(1, i);
            p.setString(2, "item " + i);
            p.setString(3, "SECRET-123");
            p.addBatch();
          }
          p.executeBatch();
        }
        return "ok";
      case "/items": // 1 SELECT
        try (PreparedStatement p = c.prepareStatement("SELECT id, name FROM " + table + " ORDER BY id");
            ResultSet r = p.executeQuery()) {
          int n = 0;
          while (r.next()) {
            n++;
          }
          return "items " + n;
        }
      case "/nplus1": // 1 + 10 SELECT: a query per item
        return nPlusOne(c);
      case "/literal": // 1 INSERT, 1 SELECT, 1 UPDATE, with literals in the SQL text
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO " + table + " (id, name, secret) VALUES (987654321, 'SECRET-123', 'SECRET-123')");
          try (ResultSet r = s.executeQuery("SELECT name FROM " + table + " WHERE secret = 'SECRET-123' AND id = 987654321")) {
            r.next();
          }
          s.executeUpdate("UPDATE " + table + " SET name = 'SECRET-123' WHERE id = 987654321");
        }
        return "ok";
      case "/batch": // 1 UPDATE (a batch of 3)
        try (PreparedStatement p = c.prepareStatement("UPDATE " + table + " SET name = ? WHERE id = ?")) {
          for (int i = 1; i <= 3; i++) {
            p.setString(1, "renamed");
            p.setInt(2, i);
            p.addBatch();
          }
          p.executeBatch();
        }
        return "ok";
      case "/error": // 1 SELECT that fails
        try (Statement s = c.createStatement()) {
          s.executeQuery("SELECT * FROM " + table + "_missing");
        }
        return "unreachable";
      case "/slow": // holds a pool connection
        Thread.sleep(1500);
        return "slow";
      case "/teardown": // 1 DROP
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + table);
        }
        return "ok";
      default:
        return "unknown " + path;
    }
  }

  private static String nPlusOne(Connection c) throws SQLException {
    StringBuilder names = new StringBuilder();
    try (PreparedStatement ids = c.prepareStatement("SELECT id FROM " + table + " WHERE id <= 10 ORDER BY id");
        ResultSet r = ids.executeQuery()) {
      while (r.next()) {
        try (PreparedStatement one = c.prepareStatement("SELECT name FROM " + table + " WHERE id = ?")) {
          one.setInt(1, r.getInt(1));
          try (ResultSet n = one.executeQuery()) {
            n.next();
            names.append(n.getString(1)).append(',');
          }
        }
      }
    }
    return names.toString();
  }
}
