package dev.vigil.agent.tracing;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.tracing.SpanExportStats.Reason;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * Batches ended, sampled spans to the exporter on one daemon thread. App threads only offer to a bounded lock-free
 * queue: when it is full the span is dropped and counted, never waited for. Every span is accounted for in
 * {@link SpanExportStats}. The thread runs with instrumentation suppressed, so exporting is never traced.
 */
final class ExportProcessor implements SpanProcessor, Runnable {
  private final Supplier<SpanExporter> exporterFactory;
  /** Built by the worker on its first export: the JDK HTTP client's classes load then, not during start-up. */
  private SpanExporter exporter;
  private final SpanExportStats stats;
  private final MpscAtomicArrayQueue<ReadableSpan> queue;
  private final int batchSize;
  private final long delayNanos;
  private final long exportTimeoutMillis;
  private final Thread worker;
  /** True while the worker sleeps; the first producer that sees a full batch clears it and wakes the worker. */
  private final AtomicBoolean parked = new AtomicBoolean();
  private volatile boolean stopping;
  private volatile long deadlineNanos;
  private volatile int inFlight;
  private volatile boolean closed;

  ExportProcessor(SpanExporter exporter, SpanExportStats stats, ExportSettings settings) {
    this(() -> exporter, stats, settings);
  }

  ExportProcessor(Supplier<SpanExporter> exporterFactory, SpanExportStats stats, ExportSettings settings) {
    this.exporterFactory = exporterFactory;
    this.stats = stats;
    this.queue = new MpscAtomicArrayQueue<>(Math.max(2, settings.maxQueueSize));
    this.batchSize = settings.maxExportBatchSize;
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(settings.scheduleDelayMillis);
    this.exportTimeoutMillis = settings.exportTimeoutMillis;
    stats.queue(() -> queue.size() + inFlight);
    worker = new Thread(this, "vigil-span-export");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (!span.getSpanContext().isSampled()) {
      return;
    }
    stats.ended();
    if (stopping) {
      stats.dropped(Reason.SHUTDOWN, 1);
    } else if (!queue.relaxedOffer(span)) {
      stats.dropped(Reason.QUEUE_FULL, 1);
    } else if (parked.get() && queue.size() >= batchSize && parked.compareAndSet(true, false)) {
      LockSupport.unpark(worker); // once per sleep: an unpark is a system call
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public void run() {
    try (Scope ignored = Tracing.suppressInstrumentation(Context.root()).makeCurrent()) {
      long next = System.nanoTime() + delayNanos;
      while (!stopping) {
        long now = System.nanoTime();
        if (queue.size() >= batchSize || (now >= next && !queue.isEmpty())) {
          exportBatch(exportTimeoutMillis);
          continue;
        }
        if (now >= next) {
          next = now + delayNanos;
        }
        parked.set(true);
        if (!stopping && queue.size() < batchSize) {
          LockSupport.parkNanos(this, next - now);
        }
        parked.set(false);
      }
      while (!queue.isEmpty() && System.nanoTime() < deadlineNanos) {
        exportBatch(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
      }
    } catch (Throwable t) {
      AgentLog.error("span export stopped; spans are dropped from now on", t);
      stopping = true;
    }
  }

  private void exportBatch(long timeoutMillis) {
    List<SpanData> batch = new ArrayList<>(Math.min(batchSize, queue.size()));
    ReadableSpan span;
    while (batch.size() < batchSize && (span = queue.relaxedPoll()) != null) {
      batch.add(span.toSpanData());
    }
    if (batch.isEmpty()) {
      return;
    }
    inFlight = batch.size();
    try {
      if (exporter == null) {
        exporter = exporterFactory.get();
      }
      CompletableResultCode result = exporter.export(batch).join(timeoutMillis, TimeUnit.MILLISECONDS);
      if (closed) {
        return; // shutdown gave up on this batch and counted it
      }
      if (result.isSuccess()) {
        stats.exported(batch.size());
      } else {
        stats.dropped(result.isDone() ? Reason.EXPORT_FAILED : Reason.EXPORT_TIMEOUT, batch.size());
        AgentLog.once(AgentLog.Level.WARN, "span-export-failed", "exporting spans failed (is the OTLP endpoint up?);"
            + " dropped spans are counted in vigil_exporter_spans_dropped_total", null);
      }
    } catch (Throwable t) {
      if (!closed) {
        stats.dropped(Reason.EXPORT_FAILED, batch.size());
      }
      AgentLog.once(AgentLog.Level.WARN, "span-export-error", "exporting spans failed (" + t
          + "); dropped spans are counted in vigil_exporter_spans_dropped_total", null);
    } finally {
      inFlight = 0;
    }
  }

  @Override
  public CompletableResultCode forceFlush() {
    LockSupport.unpark(worker);
    return CompletableResultCode.ofSuccess();
  }

  /** Exports what is queued within {@code timeoutMillis}, counts the rest as dropped, then stops. */
  @Override
  public CompletableResultCode shutdown() {
    return shutdown(5_000);
  }

  CompletableResultCode shutdown(long timeoutMillis) {
    if (stopping) {
      return CompletableResultCode.ofSuccess();
    }
    deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    stopping = true;
    LockSupport.unpark(worker);
    try {
      worker.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closed = true;
    int left = 0;
    while (queue.relaxedPoll() != null) {
      left++;
    }
    stats.dropped(Reason.SHUTDOWN, left + inFlight);
    SpanExporter e = exporter;
    if (e != null) {
      e.shutdown();
    }
    return CompletableResultCode.ofSuccess();
  }
}
