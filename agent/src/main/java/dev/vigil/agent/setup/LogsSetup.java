package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.logs.LogQueue;
import dev.vigil.agent.logs.OtlpLogExport;
import dev.vigil.agent.recording.LogRecorder;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.model.MetricProducer;
import java.util.List;
import java.util.Locale;

/**
 * Logs correlated with traces: the log recorder on the bridge (trace ids for Logback / Log4j2 events and the JUL
 * formatter) and, when OTLP log export is on, its bounded queue and export thread.
 */
final class LogsSetup {
  final LogQueue queue;

  private LogsSetup(VigilConfig config) {
    queue = otlpEnabled(config) ? new LogQueue(config.getInt(ConfigKeys.LOGS_QUEUE_SIZE),
        config.getDurationMillis(ConfigKeys.LOGS_EXPORT_INTERVAL)) : null;
    Bridge.install(new LogRecorder(config.getBoolean(ConfigKeys.LOGS_MDC_ENABLED),
        key(config, ConfigKeys.LOGS_MDC_TRACE_ID_KEY), key(config, ConfigKeys.LOGS_MDC_SPAN_ID_KEY),
        key(config, ConfigKeys.LOGS_MDC_TRACE_FLAGS_KEY), queue));
    if (queue != null) {
      AgentLog.info("logs to " + OtlpLogExport.start(config, queue));
    }
  }

  static LogsSetup install(VigilConfig config) {
    return new LogsSetup(config);
  }

  List<MetricProducer> producers() {
    return queue == null ? List.of() : List.of(queue);
  }

  /**
   * Whether records go over OTLP: {@code vigil.logs.exporter}, else {@code OTEL_LOGS_EXPORTER}, is otlp, none or auto
   * (the default: on when an OTLP endpoint is configured, as the OpenTelemetry agent's default otlp exporter does).
   */
  static boolean otlpEnabled(VigilConfig config) {
    String value = config.raw(ConfigKeys.LOGS_EXPORTER.name);
    String source = ConfigKeys.LOGS_EXPORTER.name;
    if (value == null) {
      value = config.otel("otel.logs.exporter");
      source = "OTEL_LOGS_EXPORTER";
    }
    if ("true".equalsIgnoreCase(config.otel("otel.sdk.disabled"))) {
      return false;
    }
    switch (value == null || value.isEmpty() ? "auto" : value.toLowerCase(Locale.ROOT)) {
      case "otlp":
        return true;
      case "none":
        return false;
      case "auto":
        return endpointSet(config);
      default:
        AgentLog.warn("config " + source + "=" + value + " is not otlp, none or auto; using the default auto");
        return endpointSet(config);
    }
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
