package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.recording.RpcRecorder;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.RpcMetrics;
import dev.vigil.agent.signals.RpcRegistry;
import dev.vigil.agent.tooling.HelperInjector;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.model.MetricProducer;

/** RPC signals (gRPC): the recorder and the helper injector on the bridge, and the metric producer. */
final class RpcSetup {
  private final RpcRegistry server;
  private final RpcRegistry client;

  private RpcSetup(VigilConfig config, EndpointRegistry endpoints) {
    int max = config.getInt(ConfigKeys.RPC_MAX_SERIES);
    server = new RpcRegistry(max);
    client = new RpcRegistry(max);
    Bridge.install(new RpcRecorder(endpoints, server, client, max));
    Bridge.install(new HelperInjector());
  }

  static RpcSetup install(VigilConfig config, EndpointRegistry endpoints) {
    return new RpcSetup(config, endpoints);
  }

  MetricProducer producer() {
    return new RpcMetrics(server, client);
  }
}
