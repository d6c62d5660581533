package dev.vigil.bootstrap;

/**
 * Receives Redis commands from the Jedis and Lettuce instrumentations. Implemented by the agent. Library objects are
 * passed as Object (this class lives on the bootstrap class path); a command travels as its name's bytes, and its key
 * only when {@link #captureKey()} is on: arguments are never handed over.
 */
public interface RedisClientHandler {
  RedisClientHandler NOOP = new RedisClientHandler() {
    @Override
    public boolean captureKey() {
      return false;
    }

    @Override
    public RedisCall start(Object connection, byte[] command, Object key) {
      return null;
    }

    @Override
    public void queued(Object response, byte[] command, Object key) {}

    @Override
    public void replied(Object response, Object reply) {}
  };

  /** True when the key of a command may be recorded ({@code vigil.redis.capture_key}): only then is it passed. */
  boolean captureKey();

  /**
   * A command starts on {@code connection} (the library's connection object, or null). {@code key} is the first key
   * (byte[] or ByteBuffer) or null. Returns the handle to end it with, or null when nothing is recorded.
   */
  RedisCall start(Object connection, byte[] command, Object key);

  /** A pipelined or transactional command was sent; its reply will arrive in {@code response} (see {@link #replied}). */
  void queued(Object response, byte[] command, Object key);

  /** The reply of a queued command arrived: {@code reply} is the raw reply (null for nil, a List for an array). */
  void replied(Object response, Object reply);
}
