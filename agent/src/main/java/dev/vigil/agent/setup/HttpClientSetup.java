package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.recording.HttpClientRecorder;
import dev.vigil.agent.recording.HttpServerRecorder;
import dev.vigil.agent.signals.HttpClientMetrics;
import dev.vigil.agent.signals.HttpClientRegistry;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.model.MetricProducer;

/** Outbound HTTP signals: the client recorder on the bridge, and its metric producer. */
final class HttpClientSetup {
  private final HttpClientRegistry registry;

  private HttpClientSetup(VigilConfig config, HttpServerRecorder server) {
    registry = new HttpClientRegistry(config.getInt(ConfigKeys.HTTP_CLIENT_MAX_ADDRESSES),
        config.getInt(ConfigKeys.HTTP_CLIENT_MAX_SERIES));
    Bridge.install(new HttpClientRecorder(registry, config.getBoolean(ConfigKeys.HTTP_CLIENT_CAPTURE_QUERY))
        .attributeTo(server));
  }

  static HttpClientSetup install(VigilConfig config, HttpServerRecorder server) {
    return new HttpClientSetup(config, server);
  }

  HttpClientRegistry registry() {
    return registry;
  }

  MetricProducer producer() {
    return new HttpClientMetrics(registry);
  }
}
