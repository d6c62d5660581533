package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;

/**
 * What {@code GlobalOpenTelemetry.get()} returns under Vigil: tracers whose spans are Vigil's, and Vigil's configured
 * propagators, instruments exported with Vigil's metrics, and a Logs Bridge into Vigil's log export.
 */
public final class BridgeOpenTelemetry implements OpenTelemetry, TracerProvider {
  public static final BridgeOpenTelemetry INSTANCE = new BridgeOpenTelemetry();

  private final ContextPropagators propagators = ContextPropagators.create(new BridgePropagator());

  private BridgeOpenTelemetry() {}

  @Override
  public TracerProvider getTracerProvider() {
    return this;
  }

  @Override
  public MeterProvider getMeterProvider() {
    return BridgeMeters.INSTANCE;
  }

  @Override
  public LoggerProvider getLogsBridge() {
    return BridgeLogs.INSTANCE;
  }

  @Override
  public ContextPropagators getPropagators() {
    return propagators;
  }

  @Override
  public Tracer get(String instrumentationScopeName) {
    return tracer(instrumentationScopeName, null);
  }

  @Override
  public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
    return tracer(instrumentationScopeName, instrumentationScopeVersion);
  }

  /** A tracer whose spans are in the scope {@code name}, {@code version}, as the SDK's are. */
  private static Tracer tracer(String name, String version) {
    Object scope = Bridge.otelApi().tracerScope(name, version);
    return spanName -> new BridgeSpanBuilder(spanName, scope);
  }

  @Override
  public TracerBuilder tracerBuilder(String instrumentationScopeName) {
    return new TracerBuilder() {
      private String version;

      @Override
      public TracerBuilder setSchemaUrl(String schemaUrl) {
        return this;
      }

      @Override
      public TracerBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
        version = instrumentationScopeVersion;
        return this;
      }

      @Override
      public Tracer build() {
        return tracer(instrumentationScopeName, version);
      }
    };
  }

  @Override
  public String toString() {
    return "VigilOpenTelemetry";
  }
}
