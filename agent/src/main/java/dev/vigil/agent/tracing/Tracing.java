package dev.vigil.agent.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.ContextPropagators;

/**
 * What recorders use to trace: the OpenTelemetry API (relocated in the shaded jar), backed by the SDK once tracing is
 * installed and a no-op until then or when traces are off. Recorders write spans only through this holder.
 */
public final class Tracing {
  private static final ContextKey<Boolean> SUPPRESSED = ContextKey.named("vigil-suppress-instrumentation");
  private static volatile OpenTelemetry openTelemetry = OpenTelemetry.noop();
  private static volatile Tracer tracer = openTelemetry.getTracer("dev.vigil");
  private static volatile boolean enabled;

  private Tracing() {}

  public static void install(OpenTelemetry otel) {
    openTelemetry = otel == null ? OpenTelemetry.noop() : otel;
    tracer = openTelemetry.getTracer("dev.vigil");
    enabled = otel != null;
  }

  /** True once a real tracer is installed: recorders skip span work entirely (header reads too) while false. */
  public static boolean enabled() {
    return enabled;
  }

  public static Tracer tracer() {
    return tracer;
  }

  public static ContextPropagators propagators() {
    return openTelemetry.getPropagators();
  }

  /** A context under which instrumentations record nothing: the agent's own export calls run in it. */
  public static Context suppressInstrumentation(Context context) {
    return context.with(SUPPRESSED, Boolean.TRUE);
  }

  /** True while the agent itself is calling out (exporting): recorders then record no span and no metric. */
  public static boolean instrumentationSuppressed() {
    return Context.current().get(SUPPRESSED) == Boolean.TRUE;
  }
}
