package dev.vigil.bootstrap;

/**
 * Per-thread nesting counter, one per instrumentation category, so that a call wrapped by another instrumented call
 * (a filter around a servlet, a JDBC wrapper around the driver) is recorded once, by the outermost.
 */
public final class CallDepth {
  public static final int HTTP_SERVER = 0;
  /** An outbound HTTP request (a client built on another instrumented client counts once). */
  public static final int HTTP_CLIENT = 1;
  /**
   * A servlet container's outermost entry for a request (Tomcat's CoyoteAdapter, Jetty's HttpChannel or Server, Undertow's
   * root handler): while it runs, the request's span stays current, so that the container's own lines (the error it logs
   * after the servlet threw) carry its ids.
   */
  public static final int SERVER_CONTAINER = 2;
  /** A JDBC statement executing (a pool's proxy delegating to the driver counts once). */
  public static final int JDBC_EXECUTE = 4;
  /** A JDBC statement being prepared (overloads and pool proxies delegate to each other). */
  public static final int JDBC_PREPARE = 5;
  /** A Redis command (a client method delegating to another, or a cluster connection to a node's, counts once). */
  public static final int REDIS = 6;
  /** A message being published (an overload delegating to another counts once). */
  public static final int MESSAGING_PUBLISH = 7;
  /** A delivered message being processed (a consumer subclass calling its parent's handler counts once). */
  public static final int MESSAGING_PROCESS = 3;
  private static final int CATEGORIES = 8;
  private static final ThreadLocal<int[]> DEPTHS = ThreadLocal.withInitial(() -> new int[CATEGORIES]);

  private CallDepth() {}

  /** Enters one level; returns the depth before entering (0 for the outermost call). */
  public static int enter(int category) {
    return DEPTHS.get()[category]++;
  }

  /** The current depth, without entering. */
  public static int depth(int category) {
    return DEPTHS.get()[category];
  }

  /** Leaves one level; returns the depth after leaving (0 when the outermost call ends). */
  public static int exit(int category) {
    int[] depths = DEPTHS.get();
    int depth = --depths[category];
    if (depth < 0) {
      depths[category] = 0;
      return 0;
    }
    return depth;
  }
}
