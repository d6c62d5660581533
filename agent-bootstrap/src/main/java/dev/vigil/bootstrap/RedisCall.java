package dev.vigil.bootstrap;

import java.util.function.BiConsumer;

/**
 * One Redis command in flight, ended once: {@link #end} with the reply (its value, null for nil) or the error. It is
 * also the completion callback for clients that complete commands asynchronously (Lettuce's futures).
 */
public abstract class RedisCall implements BiConsumer<Object, Throwable> {
  /** The command is over: {@code reply} is its result, {@code error} what the client threw, or null. */
  public abstract void end(Object reply, Throwable error);

  @Override
  public final void accept(Object reply, Throwable error) {
    try {
      end(reply, error);
    } catch (Throwable t) { // runs on the client's I/O thread, outside any advice: never let it reach the client
      AdviceErrors.report(t, "redis reply callback");
    }
  }
}
