package dev.vigil.agent.recording;

import dev.vigil.agent.tracing.VigilSpan;
import java.lang.reflect.Method;

/**
 * {@code server.address} and {@code server.port} of a client connection, for spans only, read by reflection and
 * remembered per connection: a Jedis connection's {@code getHostAndPort()} (package-private before Jedis 8), or the
 * remote address of the Netty channel under a Lettuce connection's writer ({@link LettuceChannels}).
 */
final class RedisEndpoints {
  private static final int MAX_CONNECTIONS = 10_000;
  private static final ClassValue<Method> HOST_AND_PORT = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        try {
          Method m = c.getDeclaredMethod("getHostAndPort");
          m.setAccessible(true);
          return m;
        } catch (Exception | LinkageError e) {
          // not declared here (or not accessible): try the superclass
        }
      }
      return null;
    }
  };

  private final WeakIdentityMap<Object, String[]> known = new WeakIdentityMap<>(MAX_CONNECTIONS);

  void describe(Object connection, VigilSpan span) {
    if (connection == null) {
      return;
    }
    String[] hostPort = known.get(connection);
    if (hostPort == null) {
      hostPort = read(connection);
      if (hostPort == null) {
        return; // a Lettuce connection between channels: asked again next time
      }
      known.put(connection, hostPort);
    }
    if (hostPort.length == 2) {
      span.setText(RedisClientRecorder.SERVER_ADDRESS, hostPort[0]);
      try {
        span.setNumber(RedisClientRecorder.SERVER_PORT, Long.parseLong(hostPort[1]));
      } catch (NumberFormatException ignored) {
        // no port
      }
    }
  }

  /** {host, port}; empty when the connection cannot say; null when it may say later. */
  private static String[] read(Object connection) {
    try {
      Method m = HOST_AND_PORT.get(connection.getClass());
      if (m == null) {
        return LettuceChannels.remoteAddress(connection);
      }
      Object hostAndPort = m.invoke(connection);
      if (hostAndPort == null) {
        return new String[0];
      }
      Object host = hostAndPort.getClass().getMethod("getHost").invoke(hostAndPort);
      Object port = hostAndPort.getClass().getMethod("getPort").invoke(hostAndPort);
      return new String[] {String.valueOf(host), String.valueOf(port)};
    } catch (Exception e) {
      return new String[0];
    }
  }
}
