package dev.vigil.agent.recording;

import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.agent.signals.RpcRegistry;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.RpcCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One inbound RPC of {@link RpcRecorder}. Its callbacks hop between the transport's and the application's threads, so
 * its context is made current per callback ({@link #attach}), never held on a thread; it ends once, on whichever
 * thread closes or cancels it.
 */
final class RpcServerCall extends RpcCall {
  /** HTTP method of every gRPC call: how it shows among the endpoints. */
  static final String ENDPOINT_METHOD = "POST";

  private final RpcRecorder recorder;
  private final String system;
  private final String method;
  private final String route;
  /** Null while traces are off. */
  private final Context context;
  private final long startNanos = System.nanoTime();
  private final EndpointStats endpoint;
  private boolean ended;

  RpcServerCall(RpcRecorder recorder, String system, String method, String route, Context context) {
    this.recorder = recorder;
    this.system = system;
    this.method = method;
    this.route = route;
    this.context = context;
    this.endpoint = recorder.endpoints.get(ENDPOINT_METHOD, route);
    endpoint.enter();
  }

  @Override
  public Object attach() {
    return context == null ? null : context.makeCurrent();
  }

  @Override
  public void restore(Object token) {
    if (token instanceof Scope) {
      ((Scope) token).close();
    }
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
      endpoint.leave();
      EndpointStats stats = endpoint.retired() ? recorder.endpoints.get(ENDPOINT_METHOD, route) : endpoint;
      Span span = context == null ? null : Span.fromContext(context);
      boolean sampled = span != null && span.getSpanContext().isSampled();
      // gRPC answers HTTP 200 whatever the status; a non-OK status is the endpoint's error, named by the status
      stats.complete(nanos, 200, statusCode == 0 ? null : RpcRegistry.statusName(statusCode),
          sampled ? span.getSpanContext().getTraceId() : null, sampled ? span.getSpanContext().getSpanId() : null);
      boolean fault = RpcSpans.serverError(statusCode);
      recorder.server.series(system, method, statusCode, fault).record(nanos);
      if (span instanceof VigilSpan) {
        RpcSpans.end((VigilSpan) span, statusCode, fault, error);
      }
    } catch (Throwable t) {
      RpcRecorder.failed(t);
    }
  }
}
