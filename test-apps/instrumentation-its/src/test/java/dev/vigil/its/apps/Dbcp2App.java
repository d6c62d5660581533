package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * An Apache DBCP2 pool over H2 (JMX name "vigil-dbcp", at most 2 connections, 1 s borrow timeout). {@code /query} runs
 * one statement on a borrowed connection; {@code /hold} keeps a connection for 4 s (two holds exhaust the pool).
 */
public final class Dbcp2App {
  public static void main(String[] args) throws Exception {
    BasicDataSource pool = new BasicDataSource();
    pool.setUrl("jdbc:h2:mem:dbcp;DB_CLOSE_DELAY=-1");
    pool.setUsername("sa");
    pool.setPassword("");
    pool.setMaxTotal(2);
    pool.setMaxWait(java.time.Duration.ofSeconds(1));
    pool.setJmxName("org.apache.commons.dbcp2:name=vigil-dbcp");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.createContext("/", exchange -> {
      int status = 200;
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        if (exchange.getRequestURI().getPath().equals("/hold")) {
          Thread.sleep(4000);
        }
        try (ResultSet rs = s.executeQuery("SELECT 1")) {
          rs.next();
        }
      } catch (Exception e) {
        status = 503;
      }
      byte[] body = String.valueOf(status).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }
}
