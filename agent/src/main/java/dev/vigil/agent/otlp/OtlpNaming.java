package dev.vigil.agent.otlp;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.otlp.OtlpMetrics;
import java.util.Map;

/**
 * OpenTelemetry attribute keys of the label names of pushed families. Metric names and units need no table: each
 * family carries its OpenTelemetry name. Label names are still Prometheus-shaped and the rendering cannot be undone by
 * rule ({@code status_code} keeps its underscore), so the known ones are listed.
 */
final class OtlpNaming implements OtlpMetrics.Naming {
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("http_request_method", "http.request.method"),
      Map.entry("http_route", "http.route"),
      Map.entry("http_response_status_code", "http.response.status_code"),
      Map.entry("error_type", "error.type"),
      Map.entry("db_system_name", "db.system.name"),
      Map.entry("db_operation_name", "db.operation.name"),
      Map.entry("db_collection_name", "db.collection.name"),
      Map.entry("db_namespace", "db.namespace"),
      Map.entry("db_client_connection_pool_name", "db.client.connection.pool.name"),
      Map.entry("db_client_connection_state", "db.client.connection.state"),
      Map.entry("messaging_system", "messaging.system"),
      Map.entry("messaging_operation_name", "messaging.operation.name"),
      Map.entry("messaging_destination_name", "messaging.destination.name"),
      Map.entry("messaging_destination_partition_id", "messaging.destination.partition.id"),
      Map.entry("messaging_consumer_group_name", "messaging.consumer.group.name"),
      Map.entry("server_address", "server.address"),
      Map.entry("server_port", "server.port"),
      Map.entry("rpc_system_name", "rpc.system.name"),
      Map.entry("rpc_method", "rpc.method"),
      Map.entry("rpc_response_status_code", "rpc.response.status_code"));

  @Override
  public String attribute(String labelName) {
    return LABELS.getOrDefault(labelName, labelName);
  }
}
