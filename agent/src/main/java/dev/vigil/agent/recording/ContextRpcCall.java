package dev.vigil.agent.recording;

import dev.vigil.bootstrap.RpcCall;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * An RPC of {@link RpcRecorder} with a context made current around each of its callbacks ({@link #attach}), on whichever
 * thread the library runs them, and ended once, by whoever sees it over first.
 */
abstract class ContextRpcCall extends RpcCall {
  final RpcRecorder recorder;
  final String system;
  final String method;
  /** Made current around callbacks; null when there is nothing to carry. */
  final Context context;
  private final long startNanos = System.nanoTime();
  private boolean ended;

  ContextRpcCall(RpcRecorder recorder, String system, String method, Context context) {
    this.recorder = recorder;
    this.system = system;
    this.method = method;
    this.context = context;
  }

  @Override
  public final Object attach() {
    return context == null ? null : context.makeCurrent();
  }

  @Override
  public final void restore(Object token) {
    if (token instanceof Scope) {
      ((Scope) token).close();
    }
  }

  @Override
  public final void end(int statusCode, Throwable error) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    try {
      record(System.nanoTime() - startNanos, statusCode, error);
    } catch (Throwable t) {
      RpcRecorder.failed(t);
    }
  }

  /** Records the call, once: its metric and its span. */
  abstract void record(long nanos, int statusCode, Throwable error);
}
