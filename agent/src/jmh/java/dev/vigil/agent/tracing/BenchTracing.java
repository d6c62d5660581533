package dev.vigil.agent.tracing;

import io.opentelemetry.context.propagation.ContextPropagators;

/** Vigil's tracing for benchmarks of other packages: every span sampled, encoded on the export thread, not sent. */
public final class BenchTracing {
  private static ExportProcessor processor;

  private BenchTracing() {}

  /** W3C trace context and baggage propagation. */
  public static void install() {
    processor = SpanPathBenchmark.discardingProcessor();
    Tracing.install(new SpanFactory(TraceSampler.alwaysOn(), processor),
        ContextPropagators.create(new BoundedPropagator(PropagatorConfig.parse(null))));
  }

  public static void uninstall() {
    Tracing.install(null, null);
    if (processor != null) {
      processor.shutdown(1000);
      processor = null;
    }
  }
}
