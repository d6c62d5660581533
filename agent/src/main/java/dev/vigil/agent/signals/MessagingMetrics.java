package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Messaging metrics (OpenTelemetry messaging conventions): {@code messaging.client.operation.duration} of publishes
 * and {@code messaging.process.duration} of consumer processing. No series before the first message.
 */
public final class MessagingMetrics implements MetricProducer {
  public static final String PROCESS = "process";

  private final MessagingRegistry registry;

  public MessagingMetrics(MessagingRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<Point> client = new ArrayList<>();
    List<Point> process = new ArrayList<>();
    for (OperationSeries s : registry.all()) {
      Labels labels = Labels.of("messaging_system", s.system, "messaging_operation_name", s.operation,
          "messaging_destination_name", s.target, "error_type", s.errorType);
      (PROCESS.equals(s.operation) ? process : client).add(Point.histogram(labels, s.histogram.snapshot()));
    }
    out.add(MetricFamily.otel("messaging.client.operation.duration", "s", Type.HISTOGRAM,
        "Duration of messaging operations initiated by a producer or consumer client.", client));
    out.add(MetricFamily.otel("messaging.process.duration", "s", Type.HISTOGRAM,
        "Duration of processing operation.", process));
    out.add(FoldedSeries.family("messaging", client.isEmpty() && process.isEmpty(), registry.folded()));
  }
}
