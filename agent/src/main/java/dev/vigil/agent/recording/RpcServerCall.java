package dev.vigil.agent.recording;

import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.agent.signals.RpcRegistry;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * One inbound RPC of {@link RpcRecorder}. Its callbacks hop between the transport's and the application's threads, so
 * its context is made current per callback ({@link #attach}), never held on a thread; it ends once, on whichever
 * thread closes or cancels it.
 */
final class RpcServerCall extends ContextRpcCall {
  /** HTTP method of every gRPC call: how it shows among the endpoints. */
  static final String ENDPOINT_METHOD = "POST";

  private final String route;
  private final EndpointStats endpoint;

  /** {@code context} is null while traces are off. */
  RpcServerCall(RpcRecorder recorder, String system, String method, String route, Context context) {
    super(recorder, system, method, context);
    this.route = route;
    this.endpoint = recorder.endpoints.get(ENDPOINT_METHOD, route);
    endpoint.enter();
  }

  @Override
  void record(long nanos, int statusCode, Throwable error) {
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
  }
}
