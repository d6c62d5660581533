package dev.vigil.shop;

import dev.vigil.shop.db.Database;
import dev.vigil.shop.http.ShopServer;

/**
 * The shop: a small realistic service (JDK HttpServer, a fixed worker pool, HikariCP over H2 or PostgreSQL) that
 * Vigil's demo, integration tests and benchmarks attach the agent to. Prints {@code READY <port>} once serving.
 */
public final class ShopMain {
  private ShopMain() {}

  public static void main(String[] args) throws Exception {
    // Logging: Logback, src/main/resources/logback.xml (warnings only, so that HikariCP's info lines do not drown the
    // demo's output; -Dshop.log.level=info brings them back).
    ShopConfig config;
    try {
      config = ShopConfig.fromSystemProperties();
    } catch (IllegalArgumentException e) {
      System.err.println("shop: " + e.getMessage());
      System.exit(2);
      return;
    }
    Database db = Database.open(config);
    ShopServer server = ShopServer.start(config, db);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      db.close();
    }, "shop-shutdown"));
    System.out.println("READY " + server.port());
  }
}
