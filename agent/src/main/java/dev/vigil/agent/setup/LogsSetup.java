package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.OtelConfig;
import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.logs.LogQueue;
import dev.vigil.agent.logs.OtlpLogExport;
import dev.vigil.agent.recording.LogRecorder;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.model.MetricProducer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Logs correlated with traces: the log recorder on the bridge (trace ids for Logback / Log4j2 events and the JUL
 * formatter) and, when OTLP log export is on, its bounded queue and export thread.
 */
final class LogsSetup {
  final LogQueue queue;

  private LogsSetup(VigilConfig config) {
    Set<String> destinations = destinations(config);
    queue = destinations.isEmpty() ? null : new LogQueue(config.getInt(ConfigKeys.LOGS_QUEUE_SIZE),
        config.getDurationMillis(ConfigKeys.LOGS_EXPORT_INTERVAL),
        OtelConfig.of(config).integer(OtelKeys.BLRP_MAX_EXPORT_BATCH_SIZE),
        config.getInt(ConfigKeys.LOGS_QUEUE_MAX_BYTES), config.getInt(ConfigKeys.LOGS_MAX_VALUE_LENGTH));
    Bridge.install(new LogRecorder(config.getBoolean(ConfigKeys.LOGS_MDC_ENABLED),
        key(config, ConfigKeys.LOGS_MDC_TRACE_ID_KEY), key(config, ConfigKeys.LOGS_MDC_SPAN_ID_KEY),
        key(config, ConfigKeys.LOGS_MDC_TRACE_FLAGS_KEY), queue));
    if (queue != null) {
      AgentLog.info("logs to " + OtlpLogExport.start(config, queue, destinations.contains("otlp"),
          destinations.contains("console")));
    }
  }

  static LogsSetup install(VigilConfig config) {
    return new LogsSetup(config);
  }

  List<MetricProducer> producers() {
    return queue == null ? List.of() : List.of(queue);
  }

  /** Whether records go over OTLP (see {@link #destinations}). */
  static boolean otlpEnabled(VigilConfig config) {
    return destinations(config).contains("otlp");
  }

  /**
   * Where the application's log records go: otlp, console, both or nowhere; vigil.logs.exporter, else
   * OTEL_LOGS_EXPORTER, else auto: over OTLP when an OTLP endpoint is configured, as the OpenTelemetry agent's default
   * otlp exporter does. OTEL_SDK_DISABLED=true turns them off.
   */
  static Set<String> destinations(VigilConfig config) {
    OtelConfig otel = OtelConfig.of(config);
    if (otel.sdkDisabled()) {
      return Set.of();
    }
    String vigil = config.raw(ConfigKeys.LOGS_EXPORTER.name); // falls back to OTEL_LOGS_EXPORTER
    Set<String> out = new LinkedHashSet<>();
    for (String part : (vigil == null || vigil.trim().isEmpty() ? "auto" : vigil).split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "otlp": case "console": case "none":
          out.add(name);
          break;
        case "logging":
          out.add("console");
          break;
        case "":
          break;
        default: // auto, and an unknown entry (after saying so)
          if (!name.equals("auto")) {
            AgentLog.warn("config " + ConfigKeys.LOGS_EXPORTER.name + " (or OTEL_LOGS_EXPORTER) entry " + name
                + " is not otlp, console, none or auto; using auto for it");
          }
          if (endpointSet(config)) {
            out.add("otlp");
          }
      }
    }
    return out.contains("none") ? Set.of() : out;
  }

  private static boolean endpointSet(VigilConfig config) {
    return set(config.otel("otel.exporter.otlp.endpoint")) || set(config.otel("otel.exporter.otlp.logs.endpoint"));
  }

  private static boolean set(String value) {
    return value != null && !value.isEmpty();
  }

  private static String key(VigilConfig config, dev.vigil.agent.config.ConfigKey key) {
    String value = config.getString(key);
    if (value.isEmpty()) {
      AgentLog.warn("config " + key.name + " is empty; using the default " + key.defaultValue);
      return key.defaultValue;
    }
    return value;
  }
}
