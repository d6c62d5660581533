package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.recording.MessagingRecorder;
import dev.vigil.agent.signals.MessagingMetrics;
import dev.vigil.agent.signals.MessagingRegistry;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.model.MetricProducer;

/** Messaging signals: the messaging recorder on the bridge, and its metric producer. */
final class MessagingSetup {
  private final MessagingRegistry registry;

  private MessagingSetup(VigilConfig config) {
    registry = new MessagingRegistry(config.getInt(ConfigKeys.MESSAGING_MAX_SERIES));
    Bridge.install(new MessagingRecorder(registry));
  }

  static MessagingSetup install(VigilConfig config) {
    return new MessagingSetup(config);
  }

  MetricProducer producer() {
    return new MessagingMetrics(registry);
  }
}
