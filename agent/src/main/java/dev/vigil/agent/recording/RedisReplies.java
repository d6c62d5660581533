package dev.vigil.agent.recording;

import dev.vigil.agent.signals.CacheRequests;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Hits and misses in the reply of a cache read. A nil reply is a miss; a many-key read (MGET, HMGET) answers a list
 * with one element per key or field, each a hit or a miss. Jedis gives nil as null; Lettuce's many-key reads give
 * {@code KeyValue}s, empty for nil, read through their public {@code hasValue()} (looked up once per class).
 */
final class RedisReplies {
  private static final ClassValue<Method> HAS_VALUE = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        if (c.getName().equals("io.lettuce.core.Value")) {
          try {
            return c.getMethod("hasValue");
          } catch (NoSuchMethodException e) {
            return null;
          }
        }
      }
      return null;
    }
  };

  private RedisReplies() {}

  static void count(int readKind, Object reply, CacheRequests.Counts counts) {
    if (readKind == RedisCommands.READ_ONE) {
      hitOrMiss(reply, counts);
    } else if (reply instanceof List) {
      List<?> list = (List<?>) reply;
      for (int i = 0, n = list.size(); i < n; i++) {
        hitOrMiss(list.get(i), counts);
      }
    }
  }

  private static void hitOrMiss(Object value, CacheRequests.Counts counts) {
    if (present(value)) {
      counts.hit();
    } else {
      counts.miss();
    }
  }

  static boolean present(Object value) {
    if (value == null) {
      return false;
    }
    Method hasValue = HAS_VALUE.get(value.getClass());
    if (hasValue == null) {
      return true;
    }
    try {
      return Boolean.TRUE.equals(hasValue.invoke(value));
    } catch (Exception e) {
      return true;
    }
  }
}
