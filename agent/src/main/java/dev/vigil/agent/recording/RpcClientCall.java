package dev.vigil.agent.recording;

import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.RpcCall;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One outbound RPC of {@link RpcRecorder}, ended once by whoever sees it closed first; every non-OK status an error.
 * Its callbacks (an async stub's observer) run in the caller's context, so that what they call joins the caller's trace.
 */
final class RpcClientCall extends RpcCall {
  private final RpcRecorder recorder;
  private final String system;
  private final String method;
  /** Null while traces are off. */
  private final VigilSpan span;
  private final String[] headers;
  /** The caller's context, or null when it holds nothing to carry. */
  private final Context caller;
  private final long startNanos = System.nanoTime();
  private boolean ended;

  RpcClientCall(RpcRecorder recorder, String system, String method, VigilSpan span, String[] headers,
      Context caller) {
    this.recorder = recorder;
    this.system = system;
    this.method = method;
    this.span = span;
    this.headers = headers;
    this.caller = caller == Context.root() ? null : caller;
  }

  @Override
  public Object attach() {
    return caller == null ? null : caller.makeCurrent();
  }

  @Override
  public void restore(Object token) {
    if (token instanceof Scope) {
      ((Scope) token).close();
    }
  }

  @Override
  public String[] headers() {
    return headers;
  }

  @Override
  public void end(int statusCode, Throwable error) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    try {
      long nanos = System.nanoTime() - startNanos;
      recorder.client.series(system, method, statusCode, statusCode != 0).record(nanos);
      if (span != null) {
        RpcSpans.end(span, statusCode, statusCode != 0, error);
      }
    } catch (Throwable t) {
      RpcRecorder.failed(t);
    }
  }
}
