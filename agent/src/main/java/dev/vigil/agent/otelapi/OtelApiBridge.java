package dev.vigil.agent.otelapi;

import dev.vigil.agent.tracing.SpanScope;
import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.OtelApiHandler;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's side of the application's OpenTelemetry API (see the bridge classes in {@code dev.vigil.otelbridge}): the
 * context is Vigil's own (relocated) OpenTelemetry context, spans are Vigil's spans, propagation is Vigil's configured
 * propagators. Every call arrives with Vigil's objects as {@code Object}s the bridge got from here.
 */
public final class OtelApiBridge implements OtelApiHandler {
  private static final SpanShape SHAPE = new SpanShape();
  private static final ContextKey<Object> APP_VALUES = ContextKey.named("vigil-application-context-values");
  private static final SpanKind[] KINDS = SpanKind.values();
  private static final StatusCode[] CODES = StatusCode.values();
  private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<Map<String, String>>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final BridgeInstances instances = new BridgeInstances();
  private final MethodSpans methodSpans = new MethodSpans();
  private final AppMetrics metrics = new AppMetrics();
  private final TracerScopes scopes = new TracerScopes();

  /** The application's instruments, for the exporters. */
  public AppMetrics metrics() {
    return metrics;
  }

  @Override
  public Object instrument(int kind, String name, String description, String unit, double[] bounds) {
    return metrics.instrument(kind, name, description, unit, bounds);
  }

  @Override
  public Object series(Object instrument, Object[] attributes) {
    return instrument instanceof AppInstrument ? ((AppInstrument) instrument).series(attributes) : null;
  }

  @Override
  public void record(Object series, double value) {
    if (series instanceof AppInstrument.Series) {
      ((AppInstrument.Series) series).record(value);
    }
  }

  @Override
  public AutoCloseable callback(Runnable callback) {
    return metrics.callback(callback);
  }

  @Override
  public Object contextStorage(Class<?> lazyStorage) {
    return instances.get(lazyStorage, BridgeInstances.PACKAGE + "BridgeStorage");
  }

  @Override
  public Object openTelemetry(Class<?> globalOpenTelemetry) {
    return instances.get(globalOpenTelemetry, BridgeInstances.PACKAGE + "BridgeOpenTelemetry");
  }

  @Override
  public Object startMethodSpan(Method method, Object[] args) {
    return methodSpans.start(method, args);
  }

  @Override
  public void endMethodSpan(Object handle, Object returned, Throwable error) {
    methodSpans.end(handle, returned, error);
  }

  @Override
  public Object currentContext() {
    return Context.current();
  }

  @Override
  public Object rootContext() {
    return Context.root();
  }

  @Override
  public AutoCloseable attach(Object context) {
    return context instanceof Context ? ((Context) context).makeCurrent() : null;
  }

  @Override
  public Object span(Object context) {
    return context instanceof Context ? Span.fromContextOrNull((Context) context) : null;
  }

  @Override
  public Object withSpan(Object context, Object span) {
    return ctx(context).with(span instanceof Span ? (Span) span : Span.getInvalid());
  }

  @Override
  public Object withSpanContext(Object context, String traceId, String spanId, boolean sampled, boolean remote,
      String traceState) {
    return ctx(context).with(Span.wrap(spanContext(traceId, spanId, sampled, remote, traceState)));
  }

  private static SpanContext spanContext(String traceId, String spanId, boolean sampled, boolean remote,
      String traceState) {
    TraceFlags flags = sampled ? TraceFlags.getSampled() : TraceFlags.getDefault();
    TraceState state = ApiValues.traceState(traceState);
    return remote ? SpanContext.createFromRemoteParent(traceId, spanId, flags, state)
        : SpanContext.create(traceId, spanId, flags, state);
  }

  @Override
  public String[] baggage(Object context) {
    Baggage b = context instanceof Context ? Baggage.fromContextOrNull((Context) context) : null;
    if (b == null) {
      return null;
    }
    List<String> out = new ArrayList<>(3 * b.size());
    b.forEach((key, entry) -> {
      out.add(key);
      out.add(entry.getValue());
      out.add(entry.getMetadata().getValue());
    });
    return out.toArray(new String[0]);
  }

  @Override
  public Object withBaggage(Object context, String[] triples) {
    BaggageBuilder b = Baggage.builder();
    for (int i = 0; triples != null && i + 2 < triples.length; i += 3) {
      b.put(triples[i], triples[i + 1], BaggageEntryMetadata.create(triples[i + 2] == null ? "" : triples[i + 2]));
    }
    return ctx(context).with(b.build());
  }

  @Override
  public Object appValues(Object context) {
    return context instanceof Context ? ((Context) context).get(APP_VALUES) : null;
  }

  @Override
  public Object withAppValues(Object context, Object values) {
    return ctx(context).with(APP_VALUES, values);
  }

  @Override
  public Object tracerScope(String name, String version) {
    return scopes.get(name, version);
  }

  @Override
  public Object startSpan(Object parent, String name, int kind, long startEpochNanos, Object scope) {
    if (Tracing.instrumentationSuppressed()) {
      return null;
    }
    SpanKind k = kind >= 0 && kind < KINDS.length ? KINDS[kind] : SpanKind.INTERNAL;
    VigilSpan span = Tracing.start(parent instanceof Context ? (Context) parent : Context.root(), k, SHAPE, name, null);
    if (span != null) {
      if (startEpochNanos > 0) {
        span.startAt(startEpochNanos);
      }
      if (scope instanceof SpanScope) {
        span.scope((SpanScope) scope);
      }
    }
    return span;
  }

  @Override
  public void addLink(Object span, String traceId, String spanId, boolean sampled, boolean remote, String traceState,
      Object[] attributes) {
    if (span instanceof Span && traceId != null && spanId != null) {
      SpanContext c = spanContext(traceId, spanId, sampled, remote, traceState);
      if (c.isValid()) {
        ((Span) span).addLink(c, ApiValues.attributes(attributes));
      }
    }
  }

  @Override
  public String[] ids(Object span) {
    if (!(span instanceof Span)) {
      return null;
    }
    SpanContext c = ((Span) span).getSpanContext();
    return new String[] {c.getTraceId(), c.getSpanId(), c.isSampled() ? "1" : "0", c.isRemote() ? "1" : "0",
        ApiValues.w3c(c.getTraceState())};
  }

  @Override
  public boolean isRecording(Object span) {
    return span instanceof Span && ((Span) span).isRecording();
  }

  @Override
  public void setAttribute(Object span, String key, Object value) {
    if (span instanceof Span && key != null) {
      ApiValues.setAttribute((Span) span, key, value);
    }
  }

  @Override
  public void addEvent(Object span, String name, Object[] attributes, long epochNanos) {
    if (span instanceof Span && name != null) {
      if (epochNanos == 0) {
        ((Span) span).addEvent(name, ApiValues.attributes(attributes));
      } else {
        ((Span) span).addEvent(name, ApiValues.attributes(attributes), epochNanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  @Override
  public void recordException(Object span, Throwable error, Object[] attributes) {
    if (span instanceof Span && error != null) {
      ((Span) span).recordException(error, ApiValues.attributes(attributes));
    }
  }

  @Override
  public void setStatus(Object span, int code, String description) {
    if (span instanceof Span && code >= 0 && code < CODES.length) {
      ((Span) span).setStatus(CODES[code], description);
    }
  }

  @Override
  public void updateName(Object span, String name) {
    if (span instanceof Span && name != null) {
      ((Span) span).updateName(name);
    }
  }

  @Override
  public void end(Object span, long epochNanos) {
    if (span instanceof Span) {
      if (epochNanos == 0) {
        ((Span) span).end();
      } else {
        ((Span) span).end(epochNanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  @Override
  public String[] propagationFields() {
    return Tracing.propagators().getTextMapPropagator().fields().toArray(new String[0]);
  }

  @Override
  public void inject(Object context, Map<String, String> carrier) {
    if (context instanceof Context && carrier != null) {
      Tracing.propagators().getTextMapPropagator().inject((Context) context, carrier, (c, k, v) -> c.put(k, v));
    }
  }

  @Override
  public Object extract(Object context, Map<String, String> carrier) {
    TextMapPropagator p = Tracing.propagators().getTextMapPropagator();
    return carrier == null ? ctx(context) : p.extract(ctx(context), carrier, MAP_GETTER);
  }

  private static Context ctx(Object context) {
    return context instanceof Context ? (Context) context : Context.root();
  }
}
