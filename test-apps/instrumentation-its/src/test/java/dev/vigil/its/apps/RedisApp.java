package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Runs a known sequence of Redis commands through Jedis or Lettuce when {@code /jedis} or {@code /lettuce} is asked
 * for. Args: host, port, key prefix. Keys, values and a password are distinctive (KEYSECRET, VALSECRET, PWSECRET) so a
 * test can look for leaks. Every run does, per client (RedisIT counts these):
 * <pre>
 * SET k1, SET k2; GET k1 (hit), GET nokey (miss); MGET k1 k2 nokey (2 hits, 1 miss);
 * HSET h; HGET h f1 (hit), HGET h nofield (miss); HMGET h f1 nofield (1 hit, 1 miss);
 * GETEX k1 (hit); GETDEL k2 (hit), GETDEL k2 (miss);
 * pipelined or async: SET p1, GET p1 (hit), GET nokey (miss);
 * transaction: INCR c, GET c (hit);
 * DEL k1 h c p1; AUTH with a wrong password (an error; Jedis sends AUTH outside its command path)
 * </pre>
 * Hits 9, misses 6. Nothing runs before the first request: the agent installs beside the application's start-up.
 */
public final class RedisApp {
  static final String VALUE = "VALSECRET-4711";
  static final String PASSWORD = "PWSECRET-0815";

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String prefix = args[2];
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jedis", e -> run(e, () -> RedisJedisRun.run(host, port, prefix)));
    server.createContext("/lettuce", e -> run(e, () -> RedisLettuceRun.run(host, port, prefix)));
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  interface Body {
    String run() throws Exception;
  }

  private static void run(HttpExchange exchange, Body body) throws IOException {
    int status = 200;
    String text;
    try {
      text = body.run();
    } catch (Throwable t) {
      status = 500;
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      text = w.toString();
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
