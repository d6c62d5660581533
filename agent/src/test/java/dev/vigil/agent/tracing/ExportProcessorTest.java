package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.otlp.OtlpChannel;
import dev.vigil.agent.tracing.SpanExportStats.Reason;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Every sampled span ends up exported or dropped with a reason; nothing is lost uncounted; shutdown is bounded. */
class ExportProcessorTest {
  private static final SpanShape SHAPE = new SpanShape();

  /** A channel whose answer the test decides: sent, failed, timed out, or never (a hung collector). */
  static final class FakeChannel implements OtlpChannel {
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch released = new CountDownLatch(1);
    volatile Outcome outcome = Outcome.SENT;
    volatile boolean hang;

    @Override
    public Outcome send(MessageWriter request) {
      requests.incrementAndGet();
      if (hang) {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Outcome.TIMEOUT;
      }
      return outcome;
    }

    @Override
    public void shutdown(long timeoutMillis) {
      released.countDown();
    }
  }

  private static ExportSettings settings(String queue, String batch) {
    return ExportSettings.of(VigilConfig.of(Map.of(), Map.of("OTEL_BSP_SCHEDULE_DELAY", "10",
        "OTEL_BSP_MAX_QUEUE_SIZE", queue, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", batch)));
  }

  private static ExportProcessor processor(FakeChannel channel, SpanExportStats stats, ExportSettings settings) {
    return new ExportProcessor(() -> channel, new SpanEncoder(Resource.empty()), stats, settings);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  private static void spans(SpanFactory factory, int n) {
    for (int i = 0; i < n; i++) {
      factory.start(Context.root(), SpanKind.INTERNAL, SHAPE, "s" + i, null, false).end();
    }
  }

  @Test
  void sentFailedAndTimedOutAreCounted() throws Exception {
    FakeChannel channel = new FakeChannel();
    SpanExportStats stats = new SpanExportStats();
    ExportProcessor processor = processor(channel, stats, settings("64", "8"));
    SpanFactory factory = new SpanFactory(TraceSampler.alwaysOn(), processor);
    spans(factory, 20);
    await(() -> stats.exportedCount() == 20);
    channel.outcome = OtlpChannel.Outcome.FAILED;
    spans(factory, 5);
    await(() -> stats.droppedCount(Reason.EXPORT_FAILED) == 5);
    channel.outcome = OtlpChannel.Outcome.TIMEOUT;
    spans(factory, 3);
    await(() -> stats.droppedCount(Reason.EXPORT_TIMEOUT) == 3);
    assertThat(stats.endedCount()).isEqualTo(28);
    processor.shutdown(1000);
  }

  @Test
  void unsampledSpansAreNotCounted() throws Exception {
    FakeChannel channel = new FakeChannel();
    SpanExportStats stats = new SpanExportStats();
    ExportProcessor processor = processor(channel, stats, settings("64", "8"));
    spans(new SpanFactory(TraceSampler.alwaysOff(), processor), 10);
    processor.shutdown(1000);
    assertThat(stats.endedCount()).isZero();
    assertThat(channel.requests).hasValue(0);
  }

  private static long dropped(SpanExportStats stats) {
    long dropped = 0;
    for (Reason r : Reason.values()) {
      dropped += stats.droppedCount(r);
    }
    return dropped;
  }

  @Test
  void aHungCollectorFillsTheQueueAndShutdownCutsTheSendInFlight() throws Exception {
    FakeChannel channel = new FakeChannel();
    channel.hang = true;
    SpanExportStats stats = new SpanExportStats();
    ExportProcessor processor = processor(channel, stats, settings("16", "4"));
    SpanFactory factory = new SpanFactory(TraceSampler.alwaysOn(), processor);
    spans(factory, 500);
    await(() -> channel.requests.get() == 1);
    assertThat(stats.droppedCount(Reason.QUEUE_FULL)).isGreaterThan(0);
    processor.shutdown(200);
    assertThat(channel.released.getCount()).as("the channel was told to unblock the send").isZero();
    assertThat(stats.endedCount()).isEqualTo(500);
    await(() -> stats.exportedCount() + dropped(stats) == 500); // every span accounted for (by the worker as it ends)
    assertThat(stats.droppedCount(Reason.SHUTDOWN)).as("the batch in flight and the queue").isGreaterThanOrEqualTo(4);
    spans(factory, 3);
    assertThat(stats.endedCount()).isEqualTo(503);
    await(() -> stats.exportedCount() + dropped(stats) == 503);
  }
}
