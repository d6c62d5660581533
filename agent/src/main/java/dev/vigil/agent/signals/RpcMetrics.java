package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * RPC metrics of the OpenTelemetry RPC conventions: {@code rpc.server.call.duration} and {@code rpc.client.call.duration}
 * (seconds), labelled with the system, the fully qualified method and the status code's name.
 */
public final class RpcMetrics implements MetricProducer {
  private final RpcRegistry server;
  private final RpcRegistry client;

  public RpcMetrics(RpcRegistry server, RpcRegistry client) {
    this.server = server;
    this.client = client;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    family(out, "rpc.server.call.duration", "Duration of inbound RPCs, until the server closes the call.", server);
    family(out, "rpc.client.call.duration", "Duration of outbound RPCs, until the client sees the call closed.", client);
  }

  private static void family(List<MetricFamily> out, String name, String description, RpcRegistry registry) {
    List<Point> durations = new ArrayList<>();
    for (OperationSeries s : registry.all()) {
      Labels labels = Labels.of("rpc_system_name", s.system, "rpc_method", s.target,
          "rpc_response_status_code", s.operation, "error_type", s.errorType);
      durations.add(Point.histogram(labels, s.histogram.snapshot()));
    }
    out.add(MetricFamily.otel(name, "s", Type.HISTOGRAM, description, durations));
    out.add(FoldedSeries.family(name, durations.isEmpty(), registry.folded()));
  }
}
