package dev.vigil.bootstrap;

/** Receives inbound HTTP requests from server instrumentations. Implemented by the agent. */
public interface HttpServerHandler {
  HttpServerHandler NOOP = new HttpServerHandler() {
    @Override
    public ServerCall start(String method, String route, boolean template, Object request) {
      return null;
    }

    @Override
    public ServerCall current() {
      return null;
    }
  };

  /**
   * A request has started. {@code route} is never a raw path: either a template the framework gave ({@code template}
   * true: a servlet's exact mapping, a JDK HttpServer context path) or the path made low-cardinality by
   * {@link Routes#normalize} ({@code template} false: such a route may be evicted, and its 404 counts as unmatched).
   * {@code request} ({@code HttpServletRequest}, {@code HttpExchange}) is where the agent reads trace headers and span
   * attributes from; it may be null. Returns the handle to end the request with, or null when nothing is recorded.
   */
  ServerCall start(String method, String route, boolean template, Object request);

  /** A request whose route was made from its path, with no request object. */
  default ServerCall start(String method, String route) {
    return start(method, route, false, null);
  }

  /** As {@link #start(String, String, boolean, Object)} with a route made from the path. */
  default ServerCall start(String method, String route, Object request) {
    return start(method, route, false, request);
  }

  /**
   * As {@link #start(String, String, boolean, Object)} for a server whose event loop interleaves many requests on one
   * thread (Netty): the request is not left current on this thread; its handlers run between {@link ServerCall#attach}
   * and {@link ServerCall#restore}.
   */
  default ServerCall startDetached(String method, String route, boolean template, Object request) {
    ServerCall call = start(method, route, template, request);
    if (call != null) {
      call.leaveThread();
    }
    return call;
  }

  /** The request being served on this thread, or null. */
  ServerCall current();

  /**
   * The container's outermost entry for a request ({@link CallDepth#SERVER_CONTAINER}) returned on this thread: what
   * a request kept current on it for the container's own log lines is undone now.
   */
  default void containerDone() {}
}
