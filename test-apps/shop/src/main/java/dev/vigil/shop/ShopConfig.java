package dev.vigil.shop;

/** The shop's settings, read once from system properties ({@code -Dshop.port=0 -Dshop.db=postgres}). */
public final class ShopConfig {
  public enum Db { H2, POSTGRES }

  public final String host;
  public final int port;
  public final int workerThreads;
  public final Db db;
  public final String jdbcUrl;
  public final String dbUser;
  public final String dbPassword;
  public final int poolSize;
  /** host:port of the Redis that caches products ({@code -Dshop.redis}), or null: no cache. */
  public final String redis = blankToNull(System.getProperty("shop.redis"));
  /**
   * Extra milliseconds before answering a request whose path starts with a prefix ({@code -Dshop.delay=/products/=50}
   * slows {@code GET /products/{id}} only): a regressed build, for the canary comparison's tests.
   */
  public final java.util.Map<String, Long> delays = delays(System.getProperty("shop.delay", ""));
  /**
   * Milliseconds each borrowed connection is held before use ({@code -Dshop.db.latency=5}), as a slow database holds
   * it: with a small pool, requests queue for connections whatever the CPU does.
   */
  public final int dbLatencyMillis = intProperty("shop.db.latency", 0, 0, 10_000);

  private ShopConfig(String host, int port, int workerThreads, Db db, String jdbcUrl, String dbUser, String dbPassword,
      int poolSize) {
    this.host = host;
    this.port = port;
    this.workerThreads = workerThreads;
    this.db = db;
    this.jdbcUrl = jdbcUrl;
    this.dbUser = dbUser;
    this.dbPassword = dbPassword;
    this.poolSize = poolSize;
  }

  public static ShopConfig fromSystemProperties() {
    String host = System.getProperty("shop.host", "127.0.0.1");
    int port = intProperty("shop.port", 8080, 0, 65535);
    int threads = intProperty("shop.threads", 16, 1, 1024);
    int poolSize = intProperty("shop.db.pool", 10, 1, 200);
    String kind = System.getProperty("shop.db", "h2").trim().toLowerCase(java.util.Locale.ROOT);
    Db db;
    String url;
    String user;
    switch (kind) {
      case "h2":
        db = Db.H2;
        url = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";
        user = "sa";
        break;
      case "postgres":
      case "postgresql":
        db = Db.POSTGRES;
        url = "jdbc:postgresql://127.0.0.1:5432/test";
        user = "postgres";
        break;
      default:
        throw new IllegalArgumentException("shop.db=" + kind + " is not supported: use h2 (default) or postgres");
    }
    return new ShopConfig(host, port, threads, db, System.getProperty("shop.db.url", url),
        System.getProperty("shop.db.user", user), System.getProperty("shop.db.password", ""), poolSize);
  }

  private static java.util.Map<String, Long> delays(String spec) {
    java.util.Map<String, Long> delays = new java.util.LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.lastIndexOf('=');
      try {
        long millis = eq > 0 ? Long.parseLong(pair.substring(eq + 1).trim()) : -1;
        if (millis < 0 || !pair.trim().startsWith("/")) {
          throw new NumberFormatException();
        }
        delays.put(pair.substring(0, eq).trim(), millis);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("shop.delay=" + spec + " is not /path-prefix=millis[,...]");
      }
    }
    return java.util.Collections.unmodifiableMap(delays);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static int intProperty(String key, int defaultValue, int min, int max) {
    String raw = System.getProperty(key);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw new IllegalArgumentException(key + "=" + raw + " is outside " + min + ".." + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + raw + " is not a number");
    }
  }
}
