package dev.vigil.agent.recording;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;

/**
 * The server a Lettuce connection talks to: its {@code getChannelWriter()}, unwrapped through {@code getDelegate()}
 * (expiry and listener writers), ends at an endpoint whose {@code channel} field is the Netty channel; its remote
 * address gives host and port. Read by reflection through public types, as the agent cannot link against Lettuce.
 */
final class LettuceChannels {
  private static final String[] NONE = new String[0];
  private static final int MAX_DELEGATES = 8;

  private LettuceChannels() {}

  /** {host, port}; empty when this is not such a connection; null when its channel is not connected now. */
  static String[] remoteAddress(Object connection) throws ReflectiveOperationException {
    Object writer = PoolGauges.call(connection, "getChannelWriter");
    for (int i = 0; writer != null && i < MAX_DELEGATES; i++) {
      Field channelField = field(writer.getClass(), "channel");
      if (channelField != null) {
        Object channel = channelField.get(writer);
        Object address = channel == null ? null : PoolGauges.call(channel, "remoteAddress");
        if (!(address instanceof InetSocketAddress)) {
          return null;
        }
        InetSocketAddress a = (InetSocketAddress) address;
        return new String[] {a.getHostString(), Integer.toString(a.getPort())};
      }
      writer = PoolGauges.call(writer, "getDelegate");
    }
    return NONE;
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // declared higher up, or not at all
      } catch (RuntimeException e) { // InaccessibleObjectException (Java 9+): a module that does not open it
        return null;
      }
    }
    return null;
  }
}
