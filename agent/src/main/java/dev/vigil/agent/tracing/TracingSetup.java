package dev.vigil.agent.tracing;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.OtlpChannels;
import dev.vigil.agent.otlp.OtlpSettings;
import dev.vigil.agent.otlp.OtlpSignal;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetAddress;
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

  public static Resource resource(VigilConfig config) {
    AttributesBuilder b = Attributes.builder();
    config.resourceAttributes().forEach(b::put);
    b.put(AttributeKey.stringKey("service.name"), config.serviceName());
    String host = hostName();
    if (host != null) {
      b.put(AttributeKey.stringKey("host.name"), host);
    }
    b.put(AttributeKey.longKey("process.pid"), ProcessHandle.current().pid());
    b.put(AttributeKey.stringKey("process.runtime.name"), System.getProperty("java.runtime.name", ""));
    b.put(AttributeKey.stringKey("process.runtime.version"), System.getProperty("java.runtime.version", ""));
    b.put(AttributeKey.stringKey("process.runtime.description"), System.getProperty("java.vm.vendor", "") + " "
        + System.getProperty("java.vm.name", "") + " " + System.getProperty("java.vm.version", ""));
    b.put(AttributeKey.stringKey("telemetry.distro.name"), "vigil");
    return Resource.getDefault().merge(Resource.create(b.build()));
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    try {
      java.nio.file.Path kernel = java.nio.file.Paths.get("/proc/sys/kernel/hostname"); // Linux: no name lookup
      if (java.nio.file.Files.isReadable(kernel)) {
        String name = new String(java.nio.file.Files.readAllBytes(kernel), java.nio.charset.StandardCharsets.UTF_8)
            .trim();
        if (!name.isEmpty()) {
          return name;
        }
      }
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return null;
    }
  }

  private static boolean set(String v) {
    return v != null && !v.isEmpty();
  }
}
