package dev.vigil.agent.tracing;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.OtlpChannels;
import dev.vigil.agent.otlp.OtlpSettings;
import dev.vigil.agent.otlp.OtlpSignal;
import dev.vigil.agent.resource.AgentResource;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Locale;

/**
 * Installs Vigil's spans behind {@link Tracing} when traces are on: sampler, propagators, the OTLP encoder (with the
 * resource) behind a bounded batch processor, and a shutdown hook that flushes within
 * {@code vigil.exporter.shutdown.timeout}. Runs in premain, before the instrumentation, so that the first request gets
 * its span; the OTLP channel itself is opened by the export thread on its first batch.
 */
public final class TracingSetup {

  private TracingSetup() {}

  /** Whether traces are exported: {@code vigil.traces.enabled} true/false, or auto (an OTLP endpoint is configured). */
  public static boolean enabled(VigilConfig config) {
    String exporter = config.otel("otel.traces.exporter");
    if ("true".equalsIgnoreCase(config.otel("otel.sdk.disabled")) || "none".equalsIgnoreCase(exporter)) {
      return false;
    }
    String v = config.getString(ConfigKeys.TRACES_ENABLED).toLowerCase(Locale.ROOT);
    switch (v) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        if (!v.equals("auto")) {
          AgentLog.warn("config vigil.traces.enabled=" + v + " is not true, false or auto; using the default auto");
        }
        return "otlp".equalsIgnoreCase(exporter) || set(config.otel("otel.exporter.otlp.endpoint"))
            || set(config.otel("otel.exporter.otlp.traces.endpoint"));
    }
  }

  /** Installs tracing; returns the export counters for /metrics, or null when traces are off. */
  public static SpanExportStats install(VigilConfig config) {
    if (!enabled(config)) {
      return null;
    }
    long start = System.nanoTime();
    ExportSettings settings = ExportSettings.of(config);
    OtlpSettings otlp = OtlpSettings.of(config, OtlpSignal.TRACES);
    SpanExportStats stats = new SpanExportStats();
    ExportProcessor processor = new ExportProcessor(() -> OtlpChannels.open(otlp),
        new SpanEncoder(resource(config)), stats, settings);
    TraceSampler sampler = SamplerConfig.parse(config.otel("otel.traces.sampler"),
        config.otel("otel.traces.sampler.arg"));
    ContextPropagators propagators = ContextPropagators.create(
        new BoundedPropagator(PropagatorConfig.parse(config.otel("otel.propagators"))));
    Tracing.install(new SpanFactory(sampler, processor), propagators);
    long timeout = config.getDurationMillis(ConfigKeys.EXPORTER_SHUTDOWN_TIMEOUT);
    Thread hook = new Thread(() -> processor.shutdown(timeout), "vigil-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    AgentLog.info("traces to " + otlp.describe() + "; set up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    return stats;
  }

  /** The process's resource (detected once, shared by every signal). */
  public static Resource resource(VigilConfig config) {
    return AgentResource.get(config);
  }

  private static boolean set(String v) {
    return v != null && !v.isEmpty();
  }
}
