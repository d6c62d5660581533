package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.recording.MessagingRecorder;
import dev.vigil.agent.signals.ConsumerLag;
import dev.vigil.agent.signals.MessagingMetrics;
import dev.vigil.agent.signals.MessagingRegistry;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.model.MetricProducer;

/** Messaging signals: the messaging recorder on the bridge, and its metric producers. */
final class MessagingSetup {
  private final MessagingRegistry registry;
  private final ConsumerLag lag;

  private MessagingSetup(VigilConfig config) {
    registry = new MessagingRegistry(config.getInt(ConfigKeys.MESSAGING_MAX_SERIES));
    lag = new ConsumerLag(config.getInt(ConfigKeys.MESSAGING_MAX_SERIES));
    Bridge.install(new MessagingRecorder(registry, lag));
  }

  static MessagingSetup install(VigilConfig config) {
    return new MessagingSetup(config);
  }

  MetricProducer producer() {
    MessagingMetrics messages = new MessagingMetrics(registry);
    return out -> {
      messages.collect(out);
      lag.collect(out);
    };
  }
}
