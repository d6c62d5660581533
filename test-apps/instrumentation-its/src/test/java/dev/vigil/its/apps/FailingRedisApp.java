package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.Jedis;

/**
 * Redis commands the server refuses with their arguments quoted back: a script reading an undefined global (the error
 * names it), through Jedis ({@code /jedis}) and Lettuce ({@code /lettuce}), and an unknown command (the error lists
 * its first arguments) through Lettuce (Jedis' sendCommand is not traced). The arguments are planted literals
 * {@code <base>j}, {@code <base>k}. Args: host, port, base.
 */
public final class FailingRedisApp {
  private static final byte[] UNKNOWN = "VIGILNOSUCHCOMMAND".getBytes(StandardCharsets.US_ASCII);

  public static void main(String[] args) throws Exception {
    String uri = "redis://" + args[0] + ":" + args[1];
    String base = args[2];
    RedisClient lettuce = RedisClient.create(uri);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jedis", e -> respond(e, jedis(args[0], Integer.parseInt(args[1]), base)));
    server.createContext("/lettuce", e -> respond(e, lettuce(lettuce, base)));
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static int jedis(String host, int port, String base) {
    int refused = 0;
    try (Jedis jedis = new Jedis(host, port)) {
      try {
        jedis.eval("return " + base + "j");
      } catch (RuntimeException expected) {
        refused++;
      }
    }
    return refused;
  }

  private static int lettuce(RedisClient client, String base) {
    int refused = 0;
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      try {
        c.sync().eval("return " + base + "j", ScriptOutputType.VALUE);
      } catch (RuntimeException expected) {
        refused++;
      }
      try {
        ProtocolKeyword unknown = () -> UNKNOWN;
        c.sync().dispatch(unknown, new StatusOutput<>(StringCodec.UTF8),
            new CommandArgs<>(StringCodec.UTF8).add(base + "k").add("second"));
      } catch (RuntimeException expected) {
        refused++;
      }
    }
    return refused;
  }

  private static void respond(HttpExchange exchange, int refused) throws IOException {
    byte[] bytes = Integer.toString(refused).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
