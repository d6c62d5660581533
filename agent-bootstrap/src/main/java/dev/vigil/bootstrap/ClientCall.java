package dev.vigil.bootstrap;

import java.util.function.BiConsumer;

/**
 * One outbound HTTP request in flight, started by a client instrumentation and ended once. As a {@link BiConsumer} it
 * can be handed to {@code CompletableFuture.whenComplete} of an asynchronous client: it ends with the response (whose
 * status it reads) or the failure.
 */
public abstract class ClientCall implements BiConsumer<Object, Throwable> {
  private static final String[] NONE = new String[0];

  /**
   * Headers the instrumentation adds to the outgoing request (trace context, baggage), as name, value, name, value...;
   * empty when there is nothing to propagate.
   */
  public String[] headers() {
    return NONE;
  }

  /** The response's status line arrived, before its body (asynchronous clients that end the call later). */
  public void responded(int status) {}

  /** The request is over. {@code status} is the response status (0 or less when none came); {@code error} or null. */
  public abstract void end(int status, Throwable error);
}
