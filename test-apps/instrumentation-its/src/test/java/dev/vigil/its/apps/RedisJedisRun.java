package dev.vigil.its.apps;

import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.GetExParams;

/** The {@link RedisApp} sequence through Jedis (plain commands, a pipeline, a transaction). */
final class RedisJedisRun {
  private RedisJedisRun() {}

  static String run(String host, int port, String prefix) {
    String k1 = prefix + "KEYSECRET-k1";
    String k2 = prefix + "KEYSECRET-k2";
    String none = prefix + "KEYSECRET-nokey";
    String h = prefix + "KEYSECRET-h";
    String c = prefix + "KEYSECRET-c";
    String p1 = prefix + "KEYSECRET-p1";
    StringBuilder out = new StringBuilder();
    try (Jedis jedis = new Jedis(host, port)) {
      jedis.set(k1, RedisApp.VALUE);
      jedis.set(k2, RedisApp.VALUE);
      expect(out, jedis.get(k1) != null, jedis.get(none) == null);
      List<String> many = jedis.mget(k1, k2, none);
      expect(out, many.get(0) != null, many.get(1) != null, many.get(2) == null);
      jedis.hset(h, "f1", RedisApp.VALUE);
      expect(out, jedis.hget(h, "f1") != null, jedis.hget(h, "nofield") == null);
      List<String> fields = jedis.hmget(h, "f1", "nofield");
      expect(out, fields.get(0) != null, fields.get(1) == null);
      expect(out, jedis.getEx(k1, new GetExParams().ex(60)) != null);
      expect(out, jedis.getDel(k2) != null, jedis.getDel(k2) == null);

      Pipeline pipeline = jedis.pipelined();
      pipeline.set(p1, RedisApp.VALUE);
      Response<String> hit = pipeline.get(p1);
      Response<String> miss = pipeline.get(none);
      pipeline.sync();
      expect(out, hit.get() != null, miss.get() == null);

      Transaction tx = jedis.multi();
      tx.incr(c);
      Response<String> counter = tx.get(c);
      tx.exec();
      expect(out, counter.get() != null);

      jedis.del(k1, h, c, p1);
      try {
        jedis.auth(RedisApp.PASSWORD);
        out.append("auth accepted?");
      } catch (RuntimeException expected) {
        out.append("auth refused");
      }
    }
    return out.toString();
  }

  static void expect(StringBuilder out, boolean... checks) {
    for (boolean check : checks) {
      if (!check) {
        throw new IllegalStateException("unexpected reply after: " + out);
      }
      out.append('.');
    }
  }
}
