package dev.vigil.bootstrap;

import java.net.SocketAddress;

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
    public ClientCall start(String method, boolean tls, String host, SocketAddress remote, String target,
        Object key) {
      return null;
    }

    @Override
    public ClientCall started(Object key) {
      return null;
    }

    @Override
    public void handOverContext(Object from, Object to) {}

    @Override
    public void failedBeforeSending(String method, String url, Object contextKey, Throwable error) {}

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

  /**
   * {@link #start(String, String, Object)} for a request line as written on the wire (Netty): the absolute URL is made
   * of the scheme ({@code tls}: https), the {@code host} header (null: the {@code remote} address) and the request
   * {@code target} (a path, or already an absolute URL). Its parent is the context remembered for {@code key}
   * ({@link #captureContext}, {@link #handOverContext}; taken once), else the current one.
   */
  ClientCall start(String method, boolean tls, String host, SocketAddress remote, String target, Object key);

  /** The call started against {@code key} and not ended yet, or null. */
  ClientCall started(Object key);

  /** Remembers the calling thread's context against {@code key} (a queued asynchronous call), for the thread running it. */
  void captureContext(Object key);

  /**
   * Makes the context remembered for {@code key} current; returns the token to hand to
   * {@code Bridge.context().restore}, or null.
   */
  Object attachContext(Object key);

  /**
   * The context remembered for {@code from} is remembered for {@code to} as well (for one {@link #attachContext}), and
   * kept for {@code from}: a reactive request's context, taken at subscription, handed to each connection an attempt of
   * it writes on.
   */
  void handOverContext(Object from, Object to);

  /**
   * A request that failed before anything was sent (connection refused, unknown host): recorded as a call in the context
   * remembered for {@code contextKey}, timed from when it was remembered.
   */
  void failedBeforeSending(String method, String url, Object contextKey, Throwable error);
}
