package dev.vigil.otelbridge;

import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.LoggerProvider;

/**
 * {@code getLogsBridge()} under Vigil: records go into Vigil's OTLP log export, as the application's log framework
 * records do, the logger's scope name as their logger name.
 */
final class BridgeLogs implements LoggerProvider {
  static final BridgeLogs INSTANCE = new BridgeLogs();

  private BridgeLogs() {}

  @Override
  public LoggerBuilder loggerBuilder(String instrumentationScopeName) {
    Logger logger = new NamedLogger(instrumentationScopeName == null ? "" : instrumentationScopeName);
    return new LoggerBuilder() {
      @Override
      public LoggerBuilder setSchemaUrl(String schemaUrl) {
        return this;
      }

      @Override
      public LoggerBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
        return this;
      }

      @Override
      public Logger build() {
        return logger;
      }
    };
  }

  private static final class NamedLogger implements Logger {
    private final String name;

    NamedLogger(String name) {
      this.name = name;
    }

    @Override
    public LogRecordBuilder logRecordBuilder() {
      return new BridgeLogRecord(name);
    }
  }
}
