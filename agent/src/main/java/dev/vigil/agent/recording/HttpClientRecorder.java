package dev.vigil.agent.recording;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.HttpClientRegistry;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import dev.vigil.bootstrap.HttpClientHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.lang.ref.WeakReference;
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
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final String[] NONE = new String[0];
  /** What {@link Tracing#tracer()} is while traces are off: then no span is built at all. */
  private static final Tracer NOOP_TRACER = TracerProvider.noop().get("dev.vigil");
  private static final TextMapSetter<List<String>> SETTER = (headers, name, value) -> {
    if (headers != null && name != null && value != null) {
      headers.add(name);
      headers.add(value);
    }
  };

  private final HttpClientRegistry registry;
  private final boolean captureQuery;
  private final WeakIdentityMap<Object, Call> keyed = new WeakIdentityMap<>(MAX_KEYED);
  private final WeakIdentityMap<Object, Object> contexts = new WeakIdentityMap<>(MAX_KEYED);

  public HttpClientRecorder(HttpClientRegistry registry, boolean captureQuery) {
    this.registry = registry;
    this.captureQuery = captureQuery;
  }

  @Override
  public ClientCall start(String method, String url, Object key) {
    try {
      if (Tracing.instrumentationSuppressed()) {
        return null;
      }
      ClientUrl target = ClientUrl.parse(url);
      String m = method == null ? "GET" : method;
      boolean known = isKnown(m);
      Context parent = Context.current();
      Tracer tracer = Tracing.tracer();
      TextMapPropagator propagator = Tracing.propagators().getTextMapPropagator();
      if (tracer == NOOP_TRACER && propagator.fields().isEmpty()) {
        return remember(new Call(this, m, target, Span.getInvalid(), NONE, key), key); // traces off: metrics only
      }
      Span span = tracer.spanBuilder(known ? m : "HTTP").setSpanKind(SpanKind.CLIENT).setParent(parent).startSpan();
      if (span.isRecording()) {
        span.setAttribute(METHOD, known ? m : "_OTHER");
        if (!known) {
          span.setAttribute(METHOD_ORIGINAL, m);
        }
        span.setAttribute(SERVER_ADDRESS, target.host);
        if (target.port > 0) {
          span.setAttribute(SERVER_PORT, (long) target.port);
        }
        span.setAttribute(URL_FULL, target.full(captureQuery));
      }
      return remember(new Call(this, m, target, span, inject(propagator, parent, span), key), key);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  @Override
  public ClientCall started(Object key) {
    return key == null ? null : keyed.get(key);
  }

  @Override
  public void captureContext(Object key) {
    Object captured = Bridge.context().capture();
    if (key != null && captured != null) {
      contexts.put(key, captured);
    }
  }

  @Override
  public Object attachContext(Object key) {
    Object captured = key == null ? null : contexts.remove(key);
    return captured == null ? null : Bridge.context().attach(captured);
  }

  private Call remember(Call call, Object key) {
    if (key != null) {
      keyed.put(key, call);
    }
    return call;
  }

  private static String[] inject(TextMapPropagator propagator, Context parent, Span span) {
    if (propagator.fields().isEmpty()) {
      return NONE; // no propagator configured: nothing to add to the request
    }
    List<String> headers = new ArrayList<>(6);
    propagator.inject(parent.with(span), headers, SETTER);
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

  private void finish(Call call, long nanos, int status, Throwable error) {
    Throwable cause = cause(error);
    int code = Math.max(status, 0);
    String errorType = cause != null ? cause.getClass().getName() : code >= 400 ? Integer.toString(code) : null;
    registry.series(call.method, call.target.host, call.target.port, code, errorType).record(nanos);
    Span span = call.span;
    if (span.isRecording()) {
      if (code > 0) {
        span.setAttribute(STATUS, (long) code);
      }
      if (errorType != null) {
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR);
      }
      if (cause != null) {
        span.recordException(cause);
      }
    }
    span.end();
    Object key = call.key == null ? null : call.key.get();
    if (key != null) {
      keyed.remove(key);
    }
  }

  private static void failed(Throwable t) {
    AgentLog.once(AgentLog.Level.WARN, "http-client-recorder:" + t.getClass().getName(),
        "recording an HTTP client call failed; the call itself is unaffected", t);
  }

  static final class Call extends ClientCall {
    private final HttpClientRecorder recorder;
    final String method;
    final ClientUrl target;
    final Span span;
    private final String[] headers;
    private final WeakReference<Object> key;
    private final long startNanos = System.nanoTime();
    private boolean ended;

    Call(HttpClientRecorder recorder, String method, ClientUrl target, Span span, String[] headers, Object key) {
      this.recorder = recorder;
      this.method = method;
      this.target = target;
      this.span = span;
      this.headers = headers;
      this.key = key == null ? null : new WeakReference<>(key);
    }

    @Override
    public String[] headers() {
      return headers;
    }

    @Override
    public void end(int status, Throwable error) {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
      }
      try {
        recorder.finish(this, System.nanoTime() - startNanos, status, error);
      } catch (Throwable t) {
        failed(t);
      }
    }

    /** {@code CompletableFuture.whenComplete} of java.net.http's sendAsync: the response's status, or the failure. */
    @Override
    public void accept(Object response, Throwable error) {
      int status = 0;
      try {
        if (response instanceof java.net.http.HttpResponse) {
          status = ((java.net.http.HttpResponse<?>) response).statusCode();
        }
      } catch (Throwable t) {
        failed(t);
      }
      end(status, error);
    }
  }
}
