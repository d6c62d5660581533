package dev.vigil.shop.cache;

import dev.vigil.shop.db.Product;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Cache-aside for products in Redis ({@code -Dshop.redis=host:port}): a read asks Redis first (GET) and, on a miss,
 * the database, then stores the product for {@link #TTL_SECONDS} (SETEX). Keys carry a prefix of their own per shop
 * run, so a shared Redis never answers from another run. When Redis fails, the database answers.
 */
public final class ProductCache implements AutoCloseable {
  static final int TTL_SECONDS = 300;

  /** Where a product comes from on a miss. */
  public interface Source {
    Optional<Product> find(long id) throws SQLException;
  }

  private final RedisClient redis;
  private final String prefix;

  private ProductCache(RedisClient redis) {
    this.redis = redis;
    byte[] run = new byte[6];
    new SecureRandom().nextBytes(run);
    this.prefix = "shop:" + HexFormat.of().formatHex(run) + ":product:";
  }

  /** Connects to {@code hostPort} ("host:port"). */
  public static ProductCache connect(String hostPort) {
    return new ProductCache(RedisClient.create(HostAndPort.from(hostPort)));
  }

  public Optional<Product> find(long id, Source source) throws SQLException {
    String key = prefix + id;
    try {
      String cached = redis.get(key);
      if (cached != null) {
        return Optional.of(decode(id, cached));
      }
    } catch (JedisException e) {
      return source.find(id); // Redis down: serve from the database
    }
    Optional<Product> product = source.find(id);
    product.ifPresent(p -> {
      try {
        redis.setex(key, TTL_SECONDS, encode(p));
      } catch (JedisException ignored) {
        // the next read goes to the database again
      }
    });
    return product;
  }

  private static String encode(Product p) {
    return p.priceCents() + "|" + p.stock() + "|" + p.name();
  }

  private static Product decode(long id, String s) {
    int a = s.indexOf('|');
    int b = s.indexOf('|', a + 1);
    return new Product(id, s.substring(b + 1), Long.parseLong(s.substring(0, a)), Integer.parseInt(s.substring(a + 1, b)));
  }

  @Override
  public void close() {
    redis.close();
  }
}
