package dev.vigil.bootstrap;

/** Receives inbound HTTP requests from server instrumentations. Implemented by the agent. */
public interface HttpServerHandler {
  HttpServerHandler NOOP = new HttpServerHandler() {
    @Override
    public ServerCall start(String method, String route) {
      return null;
    }

    @Override
    public ServerCall current() {
      return null;
    }
  };

  /**
   * A request has started. {@code route} is the best template known now (never a raw path: instrumentations pass it
   * through {@link Routes#normalize}). Returns the handle to end it with, or null when nothing is recorded.
   */
  ServerCall start(String method, String route);

  /**
   * As {@link #start(String, String)}, with the request object ({@code HttpServletRequest}, {@code HttpExchange}) the
   * agent reads trace headers and span attributes from.
   */
  default ServerCall start(String method, String route, Object request) {
    return start(method, route);
  }

  /** The request being served on this thread, or null. */
  ServerCall current();
}
