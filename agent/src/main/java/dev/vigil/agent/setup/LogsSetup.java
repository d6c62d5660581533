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

  static boolean otlpEnabled(VigilConfig config) {
    String value = config.raw(ConfigKeys.LOGS_EXPORTER.name);
    String source = ConfigKeys.LOGS_EXPORTER.name;
    if (value == null) {
      value = config.otel("otel.logs.exporter");
      source = "OTEL_LOGS_EXPORTER";
    }
    if (value == null || value.isEmpty()) {
      return false;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "otlp":
        return true;
      case "none":
        return false;
      default:
        AgentLog.warn("config " + source + "=" + value + " is not otlp or none; using the default none");
        return false;
    }
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
