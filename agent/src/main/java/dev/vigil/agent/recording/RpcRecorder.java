package dev.vigil.agent.recording;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.RpcRegistry;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.RpcCall;
import dev.vigil.bootstrap.RpcHandler;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Records RPCs of every RPC library: spans ({@link RpcSpans}), {@code rpc.server.call.duration} and
 * {@code rpc.client.call.duration}. A server call also counts in the per-endpoint golden signals as {@code POST
 * /package.Service/Method} (what it is on the wire), every non-OK status an error there.
 */
public final class RpcRecorder implements RpcHandler {
  private static final String[] NONE = new String[0];
  private static final TextMapSetter<List<String>> SETTER = (headers, name, value) -> {
    if (headers != null && name != null && value != null) {
      headers.add(name);
      headers.add(value);
    }
  };

  /** Endpoint routes ({@code /package.Service/Method}) by method, so that a call builds no string once warm. */
  private final Map<String, String> routes = new ConcurrentHashMap<>();
  private final int maxRoutes;
  final EndpointRegistry endpoints;
  final RpcRegistry server;
  final RpcRegistry client;

  public RpcRecorder(EndpointRegistry endpoints, RpcRegistry server, RpcRegistry client, int maxRoutes) {
    this.maxRoutes = maxRoutes;
    this.endpoints = endpoints;
    this.server = server;
    this.client = client;
  }

  @Override
  public RpcCall server(String system, String fullMethod, Function<String, String> metadata) {
    try {
      if (fullMethod == null) {
        return null;
      }
      Context current = Context.current();
      if (Tracing.instrumentationSuppressed(current)) {
        return null;
      }
      return new RpcServerCall(this, system, fullMethod, route(fullMethod),
          RpcSpans.server(current, system, fullMethod, metadata));
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  @Override
  public RpcCall client(String system, String fullMethod, String authority) {
    try {
      if (fullMethod == null) {
        return null;
      }
      Context parent = Context.current();
      if (Tracing.instrumentationSuppressed(parent)) {
        return null; // the agent's own export
      }
      VigilSpan span = RpcSpans.client(parent, system, fullMethod, authority);
      String[] headers = inject(Tracing.propagators().getTextMapPropagator(), span == null ? parent : parent.with(span));
      return new RpcClientCall(this, system, fullMethod, span, headers, parent);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  private String route(String method) {
    String route = routes.get(method);
    if (route == null) {
      route = "/" + method;
      if (routes.size() < maxRoutes) {
        routes.putIfAbsent(method, route);
      }
    }
    return route;
  }

  private static String[] inject(TextMapPropagator propagator, Context context) {
    if (propagator.fields().isEmpty()) {
      return NONE;
    }
    List<String> headers = new ArrayList<>(6);
    propagator.inject(context, headers, SETTER);
    return headers.isEmpty() ? NONE : headers.toArray(NONE);
  }

  static void failed(Throwable t) {
    AgentLog.once(AgentLog.Level.WARN, "rpc-recorder:" + t.getClass().getName(),
        "recording an RPC failed; the call itself is unaffected", t);
  }
}
