package dev.vigil.agent.recording;

import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.RpcCall;

/** One outbound RPC of {@link RpcRecorder}, ended once by whoever sees it closed first; every non-OK status an error. */
final class RpcClientCall extends RpcCall {
  private final RpcRecorder recorder;
  private final String system;
  private final String method;
  /** Null while traces are off. */
  private final VigilSpan span;
  private final String[] headers;
  private final long startNanos = System.nanoTime();
  private boolean ended;

  RpcClientCall(RpcRecorder recorder, String system, String method, VigilSpan span, String[] headers) {
    this.recorder = recorder;
    this.system = system;
    this.method = method;
    this.span = span;
    this.headers = headers;
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
