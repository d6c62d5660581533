package dev.vigil.bootstrap;

/** One inbound request in flight: started by a server instrumentation, refined by a framework, ended once. */
public abstract class ServerCall {
  /**
   * A framework found the route template (Spring's pattern, say): it replaces the one given at start. Not called (or
   * called with null) when the framework matched no route: the request then keeps the route made from its path.
   */
  public abstract void route(String template);

  /**
   * The request is over. {@code status} is the response status (0 or less when unknown); {@code error} the exception
   * the application threw, or null. An exception counts as status 500.
   */
  public abstract void end(int status, Throwable error);

  /**
   * The thread that started the request is leaving it (its service method returns) while the request may end later on
   * another thread (async servlet): whatever the call made current on this thread is undone now, or, inside a
   * container's outermost entry ({@link CallDepth#SERVER_CONTAINER}), when that entry returns
   * ({@link HttpServerHandler#containerDone}). {@link #end} does it too when it runs on that thread.
   */
  public void leaveThread() {}

  /**
   * Makes this request current on this thread (its span for what the handlers call, and {@link HttpServerHandler#current})
   * until {@link #restore}: an event loop (Netty) runs many requests' handlers in turn on one thread. Returns the token
   * for restore, or null.
   */
  public Object attach() {
    return null;
  }

  /** Undoes {@link #attach}: what was current before is again. Accepts null. */
  public void restore(Object token) {}
}
