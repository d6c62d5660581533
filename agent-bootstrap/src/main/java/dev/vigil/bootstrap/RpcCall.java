package dev.vigil.bootstrap;

/**
 * One RPC in flight, ended once with its status code. A server call's callbacks run on the library's executor threads:
 * each is wrapped in {@link #attach}/{@link #restore} so that what the handler does lands under the call's span.
 */
public abstract class RpcCall {
  private static final String[] NONE = new String[0];

  /** Metadata a client adds to the call (trace context), as name, value, name, value...; empty when none. */
  public String[] headers() {
    return NONE;
  }

  /** Makes the call's context current on this thread; returns the token for {@link #restore}, or null. */
  public Object attach() {
    return null;
  }

  /** Undoes {@link #attach}. Accepts null. */
  public void restore(Object token) {}

  /** The call is over: {@code statusCode} is the numeric gRPC status (0 OK), {@code error} its cause or null. */
  public abstract void end(int statusCode, Throwable error);

  /** {@link #attach} for a library's callback: a failure is reported to {@link AdviceErrors}, never thrown. */
  public final Object attachQuietly() {
    try {
      return attach();
    } catch (Throwable t) {
      AdviceErrors.report(t, "rpc context");
      return null;
    }
  }

  /** {@link #restore}, a failure reported, never thrown. */
  public final void restoreQuietly(Object token) {
    try {
      restore(token);
    } catch (Throwable t) {
      AdviceErrors.report(t, "rpc context");
    }
  }

  /** {@link #end}, a failure reported, never thrown. */
  public final void endQuietly(int statusCode, Throwable error) {
    try {
      end(statusCode, error);
    } catch (Throwable t) {
      AdviceErrors.report(t, "rpc end");
    }
  }
}
