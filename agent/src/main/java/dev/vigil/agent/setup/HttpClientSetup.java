package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.recording.HttpClientRecorder;
import dev.vigil.agent.signals.HttpClientMetrics;
import dev.vigil.agent.signals.HttpClientRegistry;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.model.MetricProducer;

/** Outbound HTTP signals: the client recorder on the bridge, and its metric producer. */
final class HttpClientSetup {
  private final HttpClientRegistry registry;

  private HttpClientSetup(VigilConfig config) {
    registry = new HttpClientRegistry(config.getInt(ConfigKeys.HTTP_CLIENT_MAX_ADDRESSES),
        config.getInt(ConfigKeys.HTTP_CLIENT_MAX_SERIES));
    Bridge.install(new HttpClientRecorder(registry, config.getBoolean(ConfigKeys.HTTP_CLIENT_CAPTURE_QUERY)));
  }

  static HttpClientSetup install(VigilConfig config) {
    return new HttpClientSetup(config);
  }

  MetricProducer producer() {
    return new HttpClientMetrics(registry);
  }
}
