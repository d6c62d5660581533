package dev.vigil.agent.otlp;

import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.otlp.OtlpMetrics;
import java.util.Map;

/**
 * OpenTelemetry names of the families pushed over OTLP: the Prometheus rendering ({@code _seconds}, dots as
 * underscores) cannot be undone by rule ({@code status_code} keeps its underscore), so the known ones are listed.
 */
final class OtlpNaming implements OtlpMetrics.Naming {
  private static final Map<String, String[]> FAMILIES = Map.of(
      "http_server_request_duration_seconds", new String[] {"http.server.request.duration", "s"},
      "http_server_active_requests", new String[] {"http.server.active_requests", "{request}"},
      "http_client_request_duration_seconds", new String[] {"http.client.request.duration", "s"},
      "db_client_operation_duration_seconds", new String[] {"db.client.operation.duration", "s"},
      "vigil_http_server_latency_seconds", new String[] {"vigil.http.server.latency", "s"},
      "vigil_apdex_score", new String[] {"vigil.apdex.score", "1"});
  private static final Map<String, String> LABELS = Map.of(
      "http_request_method", "http.request.method",
      "http_route", "http.route",
      "http_response_status_code", "http.response.status_code",
      "error_type", "error.type",
      "db_system_name", "db.system.name",
      "db_operation_name", "db.operation.name",
      "db_collection_name", "db.collection.name",
      "db_namespace", "db.namespace",
      "server_address", "server.address",
      "server_port", "server.port");

  @Override
  public String name(MetricFamily family) {
    String[] known = FAMILIES.get(family.name);
    return known != null ? known[0] : family.name;
  }

  @Override
  public String unit(MetricFamily family) {
    String[] known = FAMILIES.get(family.name);
    if (known != null) {
      return known[1];
    }
    switch (family.unit) {
      case "seconds": return "s";
      case "bytes": return "By";
      case "ratio": return "1";
      default: return "";
    }
  }

  @Override
  public String attribute(String labelName) {
    return LABELS.getOrDefault(labelName, labelName);
  }
}
