package dev.vigil.bootstrap;

import java.util.Map;

/**
 * One message published or processed, ended once: a processing on the thread that started it, a send wherever its
 * outcome is known (Kafka's I/O thread runs the send's callback).
 */
public abstract class MessagingCall {
  private static final String[] NONE = new String[0];

  /**
   * For a publish: the caller's headers plus the trace context to send in their place (a new map), or null when
   * nothing is to be added and the message goes out unchanged.
   */
  public Map<String, Object> headers() {
    return null;
  }

  /**
   * For a send (a destination and a header reader): the trace-context headers to add, as name, value, name, value...;
   * names the message already carries are left out. Empty when none.
   */
  public String[] fields() {
    return NONE;
  }

  /**
   * For a send: makes the sender's context (the caller's, not the send's own span) current on this thread, around the
   * application's callback. Returns the token for {@link #restore}, or null.
   */
  public Object attach() {
    return null;
  }

  /** Undoes {@link #attach}. Accepts null. */
  public void restore(Object token) {}

  /** The publish or the processing is over; {@code error} is what it threw, or null. */
  public abstract void end(Throwable error);
}
