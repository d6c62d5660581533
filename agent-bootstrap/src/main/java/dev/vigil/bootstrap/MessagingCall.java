package dev.vigil.bootstrap;

import java.util.Map;

/** One message published or processed, ended once, on the thread that started it. */
public abstract class MessagingCall {
  /**
   * For a publish: the caller's headers plus the trace context to send in their place (a new map), or null when
   * nothing is to be added and the message goes out unchanged.
   */
  public Map<String, Object> headers() {
    return null;
  }

  /** The publish or the processing is over; {@code error} is what it threw, or null. */
  public abstract void end(Throwable error);
}
