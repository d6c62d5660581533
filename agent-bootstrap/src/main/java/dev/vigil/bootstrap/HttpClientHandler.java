package dev.vigil.bootstrap;

/**
 * Receives outbound HTTP requests from client instrumentations. Implemented by the agent. Library objects are passed
 * as Object: this class lives on the bootstrap class path, which sees neither java.net.http nor the libraries.
 */
public interface HttpClientHandler {
  HttpClientHandler NOOP = new HttpClientHandler() {
    @Override
    public ClientCall start(String method, String url, Object key) {
      return null;
    }

    @Override
    public ClientCall started(Object key) {
      return null;
    }

    @Override
    public void captureContext(Object key) {}

    @Override
    public Object attachContext(Object key) {
      return null;
    }
  };

  /**
   * A request starts, to the absolute {@code url} (user-info and query are the handler's to strip). When {@code key} is
   * not null the call is remembered against it until it ends, for libraries whose request spans several methods or
   * threads. Returns the handle to end it with, or null when nothing is recorded (the agent's own calls, say).
   */
  ClientCall start(String method, String url, Object key);

  /** The call started against {@code key} and not ended yet, or null. */
  ClientCall started(Object key);

  /** Remembers the calling thread's context against {@code key} (a queued asynchronous call), for the thread running it. */
  void captureContext(Object key);

  /**
   * Makes the context remembered for {@code key} current; returns the token to hand to
   * {@code Bridge.context().restore}, or null.
   */
  Object attachContext(Object key);
}
