package dev.vigil.agent.tracing;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What became of every sampled span that ended: exported, dropped (by reason) or still queued, so that
 * ended = exported + dropped + queued at any time, and ended = exported + dropped once the exporter has shut down.
 */
public final class SpanExportStats implements MetricProducer {
  /** Why a span was not exported; the names are the {@code reason} label values. */
  public enum Reason {
    QUEUE_FULL("queue_full"), EXPORT_FAILED("export_failed"), EXPORT_TIMEOUT("timeout"),
    SHUTDOWN("shutdown");

    final String label;

    Reason(String label) {
      this.label = label;
    }
  }

  private final LongAdder ended = new LongAdder();
  private final LongAdder exported = new LongAdder();
  private final LongAdder[] dropped = new LongAdder[Reason.values().length];
  private volatile IntSupplier queued = () -> 0;

  public SpanExportStats() {
    for (int i = 0; i < dropped.length; i++) {
      dropped[i] = new LongAdder();
    }
  }

  void queue(IntSupplier size) {
    queued = size;
  }

  void ended() {
    ended.increment();
  }

  void exported(int n) {
    exported.add(n);
  }

  void dropped(Reason reason, int n) {
    dropped[reason.ordinal()].add(n);
  }

  public long endedCount() {
    return ended.sum();
  }

  public long exportedCount() {
    return exported.sum();
  }

  public long droppedCount(Reason reason) {
    return dropped[reason.ordinal()].sum();
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<Point> drops = new ArrayList<>();
    for (Reason r : Reason.values()) {
      drops.add(Point.value(Labels.of("reason", r.label), droppedCount(r)));
    }
    out.add(new MetricFamily("vigil_exporter_spans_ended", MetricFamily.Type.COUNTER,
        "Sampled spans that ended and were handed to the OTLP exporter.", "",
        List.of(Point.value(Labels.EMPTY, endedCount()))));
    out.add(new MetricFamily("vigil_exporter_spans_exported", MetricFamily.Type.COUNTER,
        "Spans the OTLP endpoint accepted.", "", List.of(Point.value(Labels.EMPTY, exportedCount()))));
    out.add(new MetricFamily("vigil_exporter_spans_dropped", MetricFamily.Type.COUNTER,
        "Spans not exported, by reason: queue_full, export_failed, timeout, shutdown.", "", drops));
    out.add(new MetricFamily("vigil_exporter_queue_spans", MetricFamily.Type.GAUGE,
        "Spans waiting in the export queue (OTEL_BSP_MAX_QUEUE_SIZE bounds it).", "",
        List.of(Point.value(Labels.EMPTY, queued.getAsInt()))));
  }
}
