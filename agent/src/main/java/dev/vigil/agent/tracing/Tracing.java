package dev.vigil.agent.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.ContextPropagators;

/**
 * What recorders use to trace, and the only way they do: Vigil's own spans ({@link VigilSpan}) in the OpenTelemetry
 * API's {@link Context} (relocated in the shaded jar), and the configured propagators. Until tracing is installed,
 * and when traces are off, no span is made.
 */
public final class Tracing {
  private static final ContextKey<Boolean> SUPPRESSED = ContextKey.named("vigil-suppress-instrumentation");
  private static volatile SpanFactory spans;
  private static volatile ContextPropagators propagators = ContextPropagators.noop();

  private Tracing() {}

  /** {@code factory} null: traces off, only {@code propagators} (may be null: none) carry a context onward. */
  public static void install(SpanFactory factory, ContextPropagators contextPropagators) {
    spans = factory;
    propagators = contextPropagators == null ? ContextPropagators.noop() : contextPropagators;
  }

  /** True while spans are recorded: recorders skip span work entirely (header reads too) while false. */
  public static boolean enabled() {
    return spans != null;
  }

  public static ContextPropagators propagators() {
    return propagators;
  }

  /**
   * A span, child of the span in {@code parent} if any, named {@code name} or {@code name + " " + nameSuffix}; not
   * recording when not sampled, null when traces are off.
   */
  public static VigilSpan start(Context parent, SpanKind kind, SpanShape shape, String name, String nameSuffix) {
    SpanFactory f = spans;
    return f == null ? null : f.start(parent, kind, shape, name, nameSuffix, false);
  }

  /** As {@link #start}, for a span that never has children: null unless it is sampled. */
  public static VigilSpan startLeaf(Context parent, SpanKind kind, SpanShape shape, String name, String nameSuffix) {
    SpanFactory f = spans;
    return f == null ? null : f.start(parent, kind, shape, name, nameSuffix, true);
  }

  /** True when {@code context} holds a span of a trace (sampled or not). */
  public static boolean inTrace(Context context) {
    Span span = Span.fromContextOrNull(context);
    return span instanceof VigilSpan || span != null && span.getSpanContext().isValid();
  }

  /** A context under which instrumentations record nothing: the agent's own export calls run in it. */
  public static Context suppressInstrumentation(Context context) {
    return context.with(SUPPRESSED, Boolean.TRUE);
  }

  /** True while the agent itself is calling out (exporting): recorders then record no span and no metric. */
  public static boolean instrumentationSuppressed() {
    return instrumentationSuppressed(Context.current());
  }

  public static boolean instrumentationSuppressed(Context context) {
    return context.get(SUPPRESSED) == Boolean.TRUE;
  }
}
