package dev.vigil.shop.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.shop.ShopConfig;
import java.sql.Connection;
import java.sql.SQLException;

/** The connection pool (HikariCP), with the schema created and seeded before the first request. */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final int latencyMillis;

  private Database(HikariDataSource pool, int latencyMillis) {
    this.pool = pool;
    this.latencyMillis = latencyMillis;
  }

  public static Database open(ShopConfig config) throws SQLException {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("shop-db");
    hikari.setJdbcUrl(config.jdbcUrl);
    hikari.setUsername(config.dbUser);
    hikari.setPassword(config.dbPassword);
    hikari.setMaximumPoolSize(config.poolSize);
    hikari.setConnectionTimeout(10_000);
    HikariDataSource pool = new HikariDataSource(hikari);
    try {
      Schema.createAndSeed(pool);
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool, config.dbLatencyMillis);
  }

  public Connection connection() throws SQLException {
    Connection c = pool.getConnection();
    if (latencyMillis > 0) {
      try {
        Thread.sleep(latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return c;
  }

  @Override
  public void close() {
    pool.close();
  }
}
