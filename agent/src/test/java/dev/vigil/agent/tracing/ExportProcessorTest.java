package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.tracing.SpanExportStats.Reason;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Every sampled span ends up exported or dropped with a reason; nothing is lost uncounted. */
class ExportProcessorTest {
  /** An exporter whose answer the test decides: success, failure, or never (a hung collector). */
  static final class FakeExporter implements SpanExporter {
    final List<SpanData> received = new CopyOnWriteArrayList<>();
    final List<CompletableResultCode> pending = new CopyOnWriteArrayList<>();
    volatile String mode = "ok";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      received.addAll(spans);
      switch (mode) {
        case "ok": return CompletableResultCode.ofSuccess();
        case "fail": return CompletableResultCode.ofFailure();
        default:
          CompletableResultCode never = new CompletableResultCode();
          pending.add(never);
          return never;
      }
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  private static ExportSettings settings(String queue, String batch, String exportTimeout) {
    return ExportSettings.of(VigilConfig.of(Map.of(), Map.of("OTEL_BSP_SCHEDULE_DELAY", "10",
        "OTEL_BSP_MAX_QUEUE_SIZE", queue, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", batch,
        "OTEL_BSP_EXPORT_TIMEOUT", exportTimeout)));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  private static void spans(Tracer tracer, int n) {
    for (int i = 0; i < n; i++) {
      tracer.spanBuilder("s" + i).startSpan().end();
    }
  }

  @Test
  void exportedAndFailedAreCounted() throws Exception {
    FakeExporter exporter = new FakeExporter();
    SpanExportStats stats = new SpanExportStats();
    ExportProcessor processor = new ExportProcessor(exporter, stats, settings("64", "8", "30000"));
    Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(processor).build().get("t");
    spans(tracer, 20);
    await(() -> stats.exportedCount() == 20);
    exporter.mode = "fail";
    spans(tracer, 5);
    await(() -> stats.droppedCount(Reason.EXPORT_FAILED) == 5);
    assertThat(stats.endedCount()).isEqualTo(25);
    assertThat(exporter.received).hasSize(25);
    processor.shutdown(1000);
  }

  @Test
  void unsampledSpansAreNotCounted() throws Exception {
    SpanExportStats stats = new SpanExportStats();
    ExportProcessor processor = new ExportProcessor(new FakeExporter(), stats, settings("64", "8", "30000"));
    Tracer tracer = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).addSpanProcessor(processor).build()
        .get("t");
    spans(tracer, 10);
    processor.shutdown(1000);
    assertThat(stats.endedCount()).isZero();
  }

  @Test
  void aHungCollectorFillsTheQueueThenSpansAreDroppedAndCounted() throws Exception {
    FakeExporter exporter = new FakeExporter();
    exporter.mode = "hang";
    SpanExportStats stats = new SpanExportStats();
    ExportProcessor processor = new ExportProcessor(exporter, stats, settings("16", "4", "200"));
    Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(processor).build().get("t");
    spans(tracer, 500);
    assertThat(stats.droppedCount(Reason.QUEUE_FULL)).isGreaterThan(0);
    await(() -> stats.droppedCount(Reason.EXPORT_TIMEOUT) > 0);
    processor.shutdown(100);
    long dropped = 0;
    for (Reason r : Reason.values()) {
      dropped += stats.droppedCount(r);
    }
    assertThat(stats.endedCount()).isEqualTo(500);
    assertThat(stats.exportedCount() + dropped).as("every span accounted for after shutdown").isEqualTo(500);
    spans(tracer, 3);
    assertThat(stats.droppedCount(Reason.SHUTDOWN)).as("after shutdown").isGreaterThanOrEqualTo(3);
  }
}
