package dev.vigil.its.apps;

import io.lettuce.core.GetExArgs;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link RedisApp} sequence through Lettuce (sync commands, async commands, a transaction), plus one reactive GET
 * of k1 (a hit) before the DEL.
 */
final class RedisLettuceRun {
  private RedisLettuceRun() {}

  static String run(String host, int port, String prefix) throws Exception {
    String k1 = prefix + "KEYSECRET-k1";
    String k2 = prefix + "KEYSECRET-k2";
    String none = prefix + "KEYSECRET-nokey";
    String h = prefix + "KEYSECRET-h";
    String c = prefix + "KEYSECRET-c";
    String p1 = prefix + "KEYSECRET-p1";
    StringBuilder out = new StringBuilder();
    RedisClient client = RedisClient.create(RedisURI.create(host, port));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      redis.set(k1, RedisApp.VALUE);
      redis.set(k2, RedisApp.VALUE);
      RedisJedisRun.expect(out, redis.get(k1) != null, redis.get(none) == null);
      List<KeyValue<String, String>> many = redis.mget(k1, k2, none);
      RedisJedisRun.expect(out, many.get(0).hasValue(), many.get(1).hasValue(), !many.get(2).hasValue());
      redis.hset(h, "f1", RedisApp.VALUE);
      RedisJedisRun.expect(out, redis.hget(h, "f1") != null, redis.hget(h, "nofield") == null);
      List<KeyValue<String, String>> fields = redis.hmget(h, "f1", "nofield");
      RedisJedisRun.expect(out, fields.get(0).hasValue(), !fields.get(1).hasValue());
      RedisJedisRun.expect(out, redis.getex(k1, GetExArgs.Builder.ex(60)) != null);
      RedisJedisRun.expect(out, redis.getdel(k2) != null, redis.getdel(k2) == null);

      RedisAsyncCommands<String, String> async = connection.async();
      RedisFuture<String> set = async.set(p1, RedisApp.VALUE);
      RedisFuture<String> hit = async.get(p1);
      RedisFuture<String> miss = async.get(none);
      set.get(10, TimeUnit.SECONDS);
      RedisJedisRun.expect(out, hit.get(10, TimeUnit.SECONDS) != null, miss.get(10, TimeUnit.SECONDS) == null);

      redis.multi();
      redis.incr(c);
      redis.get(c);
      RedisJedisRun.expect(out, redis.exec().size() == 2);

      RedisJedisRun.expect(out, connection.reactive().get(k1).block() != null); // reactive: one more GET, a hit

      redis.del(k1, h, c, p1);
      try {
        redis.auth(RedisApp.PASSWORD);
        out.append("auth accepted?");
      } catch (RuntimeException expected) {
        out.append("auth refused");
      }
    } finally {
      client.shutdown();
    }
    return out.toString();
  }
}
