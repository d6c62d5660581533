package dev.vigil.agent.recording;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.HttpClientRegistry;
import dev.vigil.agent.signals.RouteDependencies;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import dev.vigil.bootstrap.HttpClientHandler;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Records outbound HTTP requests of every client library: a CLIENT span (child of the current context) whose context
 * the configured propagators write into the headers the instrumentation adds to the request, and
 * {@code http.client.request.duration}. Nothing is recorded while the agent itself is calling out (OTLP export).
 */
public final class HttpClientRecorder implements HttpClientHandler {
  static final int MAX_KEYED = 10_000;
  private static final String[] NONE = new String[0];
  private static final TextMapSetter<List<String>> SETTER = (headers, name, value) -> {
    if (headers != null && name != null && value != null) {
      headers.add(name);
      headers.add(value);
    }
  };

  private final HttpClientRegistry registry;
  private final boolean captureQuery;
  private final WeakIdentityMap<Object, HttpClientCall> keyed = new WeakIdentityMap<>(MAX_KEYED);
  private final WeakIdentityMap<Object, Captured> contexts = new WeakIdentityMap<>(MAX_KEYED);

  /** Attributes outbound calls to the route being served (per-route host table); null when not wanted. */
  private volatile HttpServerRecorder routes;

  public HttpClientRecorder(HttpClientRegistry registry, boolean captureQuery) {
    this.registry = registry;
    this.captureQuery = captureQuery;
  }

  @Override
  public ClientCall start(String method, String url, Object key) {
    return start(method, url, key, System.nanoTime(), currentRoute());
  }

  /** The parent and route are those remembered for {@code key} (taken once), else the current ones. */
  @Override
  public ClientCall start(String method, boolean tls, String host, SocketAddress remote, String target, Object key) {
    return startIn(key == null ? null : contexts.remove(key), method, ClientUrl.absolute(tls, host, remote, target),
        key, System.nanoTime());
  }

  /** A call in the context and route remembered in {@code captured} (null: the current ones). */
  private HttpClientCall startIn(Captured captured, String method, String url, Object key, long startNanos) {
    Object token = captured == null || captured.context == null ? null : Bridge.context().attach(captured.context);
    try {
      return start(method, url, key, startNanos, captured == null ? currentRoute() : captured.route);
    } finally {
      Bridge.context().restore(token);
    }
  }

  private HttpClientCall start(String method, String url, Object key, long startNanos, RouteDependencies route) {
    try {
      Context parent = Context.current();
      if (Tracing.instrumentationSuppressed(parent)) {
        return null;
      }
      ClientUrl target = ClientUrl.parse(url);
      String m = method == null ? "GET" : method;
      VigilSpan span = ClientSpans.start(parent, m, isKnown(m), target, captureQuery);
      Context carried = span == null ? parent : parent.with(span);
      String[] headers = inject(Tracing.propagators().getTextMapPropagator(), carried);
      HttpClientCall call = new HttpClientCall(this, m, target, span, headers, key, startNanos);
      call.route = route;
      return remember(call, key);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  /** The table of the route this thread serves now, or null. */
  private RouteDependencies currentRoute() {
    HttpServerRecorder server = routes;
    return server == null ? null : server.currentDependencies();
  }

  /** From now on, each call's time also goes to the table of the route that made it. */
  public HttpClientRecorder attributeTo(HttpServerRecorder server) {
    this.routes = server;
    return this;
  }

  @Override
  public ClientCall started(Object key) {
    return key == null ? null : keyed.get(key);
  }

  @Override
  public void captureContext(Object key) {
    if (key != null) {
      contexts.put(key, new Captured(Bridge.context().capture(), System.nanoTime(), currentRoute()));
    }
  }

  @Override
  public Object attachContext(Object key) {
    Captured captured = key == null ? null : contexts.remove(key);
    return captured == null || captured.context == null ? null : Bridge.context().attach(captured.context);
  }

  @Override
  public void handOverContext(Object from, Object to) {
    Captured captured = from == null || to == null ? null : contexts.get(from);
    if (captured != null) {
      contexts.put(to, captured);
    }
  }

  @Override
  public void failedBeforeSending(String method, String url, Object contextKey, Throwable error) {
    Captured captured = contextKey == null ? null : contexts.get(contextKey);
    ClientCall call = startIn(captured, method, url, null, captured == null ? System.nanoTime() : captured.nanos);
    if (call != null) {
      call.end(0, error);
    }
  }

  private HttpClientCall remember(HttpClientCall call, Object key) {
    if (key != null) {
      keyed.put(key, call);
    }
    return call;
  }

  /** The headers that carry {@code context} (the new span's, or the caller's while traces are off). */
  private static String[] inject(TextMapPropagator propagator, Context context) {
    if (propagator.fields().isEmpty()) {
      return NONE; // no propagator configured: nothing to add to the request
    }
    List<String> headers = new ArrayList<>(6);
    propagator.inject(context, headers, SETTER);
    return headers.isEmpty() ? NONE : headers.toArray(NONE);
  }

  private static boolean isKnown(String method) {
    switch (method) {
      case "GET": case "HEAD": case "POST": case "PUT": case "DELETE": case "CONNECT": case "OPTIONS": case "TRACE":
      case "PATCH":
        return true;
      default:
        return false;
    }
  }

  /** What a client threw, without the wrappers of futures (sendAsync, send's own ExecutionException). */
  static Throwable cause(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  void finish(HttpClientCall call, long nanos, int status, Throwable error) {
    Throwable cause = cause(error);
    int code = Math.max(status, 0);
    String errorType = cause != null ? cause.getClass().getName() : code >= 400 ? Integer.toString(code) : null;
    registry.series(call.method, call.target.host, call.target.port, code, errorType).record(nanos);
    if (call.route != null) {
      call.route.outbound(call.target.host, call.target.port, nanos);
    }
    if (call.span != null) {
      ClientSpans.end(call.span, code, errorType, cause);
    }
    Object key = call.key == null ? null : call.key.get();
    if (key != null) {
      keyed.remove(key);
    }
  }

  /**
   * A context remembered for a later thread, when (a request that never got sent is timed from then), and the table of
   * the route being served then (the call is made later on an I/O thread that serves none).
   */
  private static final class Captured {
    final Object context;
    final long nanos;
    final RouteDependencies route;

    Captured(Object context, long nanos, RouteDependencies route) {
      this.context = context;
      this.nanos = nanos;
      this.route = route;
    }
  }

  static void failed(Throwable t) {
    AgentLog.once(AgentLog.Level.WARN, "http-client-recorder:" + t.getClass().getName(),
        "recording an HTTP client call failed; the call itself is unaffected", t);
  }
}
