package dev.vigil.agent.setup;

import dev.vigil.agent.otelapi.AppMetrics;
import dev.vigil.agent.recording.ExecutorRecorder;
import dev.vigil.agent.signals.EndpointRegistry;

/** What premain put on the bridge, handed to the set-up of what reads it (endpoint, exports). */
final class Signals {
  final EndpointRegistry registry;
  final DbSetup db;
  final HttpClientSetup clients;
  final RpcSetup rpc;
  final ExecutorRecorder executors;
  final LogsSetup logs;
  /** The application's own OpenTelemetry counters. */
  final AppMetrics appMetrics;
  final MessagingSetup messaging;

  Signals(EndpointRegistry registry, DbSetup db, HttpClientSetup clients, RpcSetup rpc, ExecutorRecorder executors,
      LogsSetup logs, AppMetrics appMetrics, MessagingSetup messaging) {
    this.registry = registry;
    this.db = db;
    this.clients = clients;
    this.rpc = rpc;
    this.executors = executors;
    this.logs = logs;
    this.appMetrics = appMetrics;
    this.messaging = messaging;
  }
}
