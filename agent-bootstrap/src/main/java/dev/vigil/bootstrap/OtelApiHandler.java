package dev.vigil.bootstrap;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * What the application's own OpenTelemetry API calls reach Vigil through. Bridge classes written against the
 * application's (unrelocated) API are defined next to it and call these methods; everything of Vigil's side (its
 * context, its spans) is passed as an opaque {@code Object}. Only JDK types cross, so both sides see this interface.
 * Implemented by the agent; the no-op leaves the application's API untouched.
 */
public interface OtelApiHandler {
  OtelApiHandler NOOP = new OtelApiHandler() {};

  /** The bridge {@code ContextStorage} for the API that {@code lazyStorage} belongs to, or null: keep the app's own. */
  default Object contextStorage(Class<?> lazyStorage) {
    return null;
  }

  /** The bridge {@code OpenTelemetry} for the API that {@code globalOpenTelemetry} belongs to, or null. */
  default Object openTelemetry(Class<?> globalOpenTelemetry) {
    return null;
  }

  /** Starts a span for a {@code @WithSpan} method and makes it current; the handle goes to {@link #endMethodSpan}. */
  default Object startMethodSpan(Method method, Object[] args) {
    return null;
  }

  /**
   * Ends what {@link #startMethodSpan} started (accepts null): now, or when {@code returned}, if a
   * {@code CompletionStage}, completes.
   */
  default void endMethodSpan(Object handle, Object returned, Throwable error) {}

  // Vigil's context, as the bridge context wraps it.

  default Object currentContext() {
    return null;
  }

  default Object rootContext() {
    return null;
  }

  /** Makes {@code context} current; returns an {@link AutoCloseable} that restores the previous one. */
  default AutoCloseable attach(Object context) {
    return null;
  }

  /** The span in {@code context}, or null. */
  default Object span(Object context) {
    return null;
  }

  default Object withSpan(Object context, Object span) {
    return context;
  }

  /**
   * {@code context} with a span known only by its ids (a span the application made itself, e.g. extracted);
   * {@code traceState} in its W3C form ({@code k=v,k2=v2}), "" for none.
   */
  default Object withSpanContext(Object context, String traceId, String spanId, boolean sampled, boolean remote,
      String traceState) {
    return context;
  }

  /** Baggage of {@code context} as key, value, metadata triples, or null when it has none. */
  default String[] baggage(Object context) {
    return null;
  }

  default Object withBaggage(Object context, String[] triples) {
    return context;
  }

  /** What the application stored under its own keys (an object of the bridge), or null. */
  default Object appValues(Object context) {
    return null;
  }

  default Object withAppValues(Object context, Object values) {
    return context;
  }

  // Spans.

  /** The scope of an application tracer's spans (bounded: null past a cap, Vigil's scope then). */
  default Object tracerScope(String name, String version) {
    return null;
  }

  /**
   * A span child of the span in {@code parent} (null: no parent); kind by ordinal; {@code startEpochNanos} 0: now;
   * {@code scope} from {@link #tracerScope} or null; null when traces are off.
   */
  default Object startSpan(Object parent, String name, int kind, long startEpochNanos, Object scope) {
    return null;
  }

  /** Links {@code span} to another span (ids in hex, trace state W3C form), bounded by the span limits. */
  default void addLink(Object span, String traceId, String spanId, boolean sampled, boolean remote,
      String traceState, Object[] attributes) {}

  /** trace id, span id (hex), "1"/"0" for sampled, "1"/"0" for remote, and the trace state (W3C form, "" for none). */
  default String[] ids(Object span) {
    return null;
  }

  default boolean isRecording(Object span) {
    return false;
  }

  /** {@code value}: String, Long, Double, Boolean or a List of one of them. */
  default void setAttribute(Object span, String key, Object value) {}

  /** {@code attributes}: key, value, key, value...; {@code epochNanos} 0: now. */
  default void addEvent(Object span, String name, Object[] attributes, long epochNanos) {}

  default void recordException(Object span, Throwable error, Object[] attributes) {}

  /** {@code code} by ordinal: unset, ok, error. */
  default void setStatus(Object span, int code, String description) {}

  default void updateName(Object span, String name) {}

  /** {@code epochNanos} 0: now. */
  default void end(Object span, long epochNanos) {}

  // The application's instruments, exported with Vigil's metrics.

  int COUNTER = 0;
  int UP_DOWN_COUNTER = 1;
  int HISTOGRAM = 2;
  int GAUGE = 3;
  /** Added to a kind: the instrument is observed by callbacks, its values replaced at each collection. */
  int OBSERVED = 4;

  /**
   * An instrument named {@code name} (OpenTelemetry name) of {@code kind} (a constant above, plus {@link #OBSERVED}),
   * {@code bounds} the histogram's bucket boundaries (null: the default ones); null when no more are taken or the
   * name is taken by another kind (the app's no-op then).
   */
  default Object instrument(int kind, String name, String description, String unit, double[] bounds) {
    return null;
  }

  /**
   * The series of {@code instrument} for {@code attributes} (key, value, ...; may be null), made on first use or
   * folded past the instrument's cap; null when there is none. The bridge keeps it per attribute set.
   */
  default Object series(Object instrument, Object[] attributes) {
    return null;
  }

  /** Adds (counters), records (histograms) or sets (gauges, observed instruments) {@code value} in a series. */
  default void record(Object series, double value) {}

  /** Runs {@code callback} at each collection of metrics, bounded in time; close the handle to stop; null: refused. */
  default AutoCloseable callback(Runnable callback) {
    return null;
  }

  // Propagation through Vigil's configured propagators.

  default String[] propagationFields() {
    return new String[0];
  }

  default void inject(Object context, Map<String, String> carrier) {}

  default Object extract(Object context, Map<String, String> carrier) {
    return context;
  }
}
