package dev.vigil.agent.tracing;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.OtelConfig;
import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.OtlpChannels;
import dev.vigil.agent.otlp.OtlpSettings;
import dev.vigil.agent.otlp.OtlpSignal;
import dev.vigil.agent.resource.AgentResource;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Locale;
import java.util.Set;

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
    return !destinations(config).isEmpty();
  }

  /**
   * Where spans go: otlp, console, both, or nowhere (traces off). OTEL_SDK_DISABLED=true and
   * OTEL_TRACES_EXPORTER=none win; then vigil.traces.enabled; auto follows OTEL_TRACES_EXPORTER when set, else an
   * OTLP endpoint being configured.
   */
  static Set<String> destinations(VigilConfig config) {
    OtelConfig otel = OtelConfig.of(config);
    Set<String> exporters = otel.exporters(OtelKeys.TRACES_EXPORTER);
    if (otel.sdkDisabled() || exporters.contains("none")) {
      return Set.of();
    }
    String v = config.getString(ConfigKeys.TRACES_ENABLED).toLowerCase(Locale.ROOT);
    switch (v) {
      case "true":
        return exporters.isEmpty() ? Set.of("otlp") : exporters;
      case "false":
        return Set.of();
      default:
        if (!v.equals("auto")) {
          AgentLog.warn("config vigil.traces.enabled=" + v + " is not true, false or auto; using the default auto");
        }
        if (!exporters.isEmpty()) {
          return exporters;
        }
        return otel.isSet(OtelKeys.OTLP_ENDPOINT) || set(config.otel("otel.exporter.otlp.traces.endpoint"))
            ? Set.of("otlp") : Set.of();
    }
  }

  /** Installs tracing; returns the export counters for /metrics, or null when traces are off. */
  public static SpanExportStats install(VigilConfig config) {
    Set<String> destinations = destinations(config);
    if (destinations.isEmpty()) {
      return null;
    }
    long start = System.nanoTime();
    ExportSettings settings = ExportSettings.of(config, destinations.contains("otlp"),
        destinations.contains("console"));
    OtlpSettings otlp = settings.otlp ? OtlpSettings.of(config, OtlpSignal.TRACES) : null;
    SpanExportStats stats = new SpanExportStats();
    ExportProcessor processor = new ExportProcessor(() -> OtlpChannels.open(otlp),
        () -> new SpanEncoder(resource(config), settings), stats, settings); // the resource: on the first export
    TraceSampler sampler = sampler(config);
    ContextPropagators propagators = ContextPropagators.create(
        new BoundedPropagator(PropagatorConfig.parse(config.otel(OtelKeys.PROPAGATORS.name))));
    Tracing.install(new SpanFactory(sampler, processor), propagators);
    long timeout = config.getDurationMillis(ConfigKeys.EXPORTER_SHUTDOWN_TIMEOUT);
    Thread hook = new Thread(() -> processor.shutdown(timeout), "vigil-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    AgentLog.info("traces to " + (otlp == null ? "" : otlp.describe())
        + (settings.console ? (otlp == null ? "" : " and ") + "standard output (console)" : "") + "; set up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    return stats;
  }

  /** OTEL_TRACES_SAMPLER with OTEL_TRACES_SAMPLER_ARG. */
  static TraceSampler sampler(VigilConfig config) {
    return SamplerConfig.parse(config.otel(OtelKeys.TRACES_SAMPLER.name),
        config.otel(OtelKeys.TRACES_SAMPLER_ARG.name));
  }

  /** The process's resource (detected once, shared by every signal). */
  public static Resource resource(VigilConfig config) {
    return AgentResource.get(config);
  }

  private static boolean set(String v) {
    return v != null && !v.isEmpty();
  }
}
