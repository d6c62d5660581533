package dev.vigil.agent.recording;

import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.context.Context;

/**
 * One outbound RPC of {@link RpcRecorder}, every non-OK status an error. Its callbacks (an async stub's observer) run
 * in the caller's context, so that what they call joins the caller's trace.
 */
final class RpcClientCall extends ContextRpcCall {
  /** Null while traces are off. */
  private final VigilSpan span;
  private final String[] headers;

  RpcClientCall(RpcRecorder recorder, String system, String method, VigilSpan span, String[] headers,
      Context caller) {
    super(recorder, system, method, caller == Context.root() ? null : caller);
    this.span = span;
    this.headers = headers;
  }

  @Override
  public String[] headers() {
    return headers;
  }

  @Override
  void record(long nanos, int statusCode, Throwable error) {
    recorder.client.series(system, method, statusCode, statusCode != 0).record(nanos);
    if (span != null) {
      RpcSpans.end(span, statusCode, statusCode != 0, error);
    }
  }
}
