package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A JDK HttpServer service whose statements fail the ways drivers describe with data: duplicate keys (H2 quotes the
 * existing row too), a value too long, NULL in a NOT NULL column (PostgreSQL lists the failing row), a string where a
 * number goes, a syntax error, a missing table, and a batch (pgjdbc quotes the statement with its bound values). Every
 * value is a planted literal, {@code <base>a} to {@code <base>i}, and the number 987654321. Args: JDBC URL, user,
 * password, table, base. {@code /fail} answers how many statements failed, and prints each exception on a line starting "APP ".
 */
public final class FailingSqlApp {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    String table = args[3];
    String base = args[4];
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        respond(exchange, 200, run(path, c, table, base));
      } catch (Exception e) {
        respond(exchange, 500, e.getClass().getSimpleName());
      }
    });
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static String run(String path, Connection c, String t, String base) throws SQLException {
    switch (path) {
      case "/setup":
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, name VARCHAR(16) NOT NULL, email VARCHAR(64) UNIQUE)");
          s.execute("INSERT INTO " + t + " VALUES (1, '" + base + "a', '" + base + "b@example.com')");
        }
        return "ok";
      case "/fail":
        String[] failing = {
          "INSERT INTO " + t + " VALUES (1, '" + base + "c', '" + base + "d')",
          "INSERT INTO " + t + " VALUES (2, 'x', '" + base + "b@example.com')",
          "INSERT INTO " + t + " VALUES (3, '" + base + "e-far-too-long-for-the-column', 'y')",
          "INSERT INTO " + t + " VALUES (4, NULL, '" + base + "f')",
          "SELECT * FROM " + t + " WHERE id = '" + base + "g'",
          "SELECT * FROM " + t + " WHERE name = '" + base + "h' FROMM x",
          "SELECT * FROM " + t + "_missing WHERE name = '" + base + "i' AND id = 987654321",
        };
        int failed = 0;
        for (String sql : failing) {
          try (Statement s = c.createStatement()) {
            s.execute(sql);
          } catch (SQLException expected) {
            System.out.println("APP " + oneLine(expected)); // the test checks the driver quoted the literals
            failed++;
          }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?)")) {
          p.setInt(1, 9);
          p.setString(2, "z");
          p.setString(3, base + "b@example.com");
          p.addBatch();
          p.setInt(1, 10);
          p.setString(2, base + "c");
          p.setString(3, base + "d");
          p.addBatch();
          p.executeBatch();
        } catch (SQLException expected) {
          System.out.println("APP " + oneLine(expected));
          failed++;
        }
        return Integer.toString(failed);
      case "/teardown":
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + t);
        }
        return "ok";
      default:
        return "unknown " + path;
    }
  }

  private static String oneLine(SQLException e) {
    return e.toString().replace('\n', ' ');
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
