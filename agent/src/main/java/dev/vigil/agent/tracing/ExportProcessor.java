package dev.vigil.agent.tracing;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.OtlpChannel;
import dev.vigil.agent.tracing.SpanExportStats.Reason;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * Batches ended, sampled spans to OTLP on one daemon thread, which encodes each batch ({@link SpanEncoder}) and sends
 * it through the traces' {@link OtlpChannel}. App threads only offer to a bounded lock-free queue: when it is full the
 * span is dropped and counted, never waited for. Every span is accounted for in {@link SpanExportStats}. The thread
 * runs with instrumentation suppressed, so exporting is never traced. Each send ends within the channel's timeout;
 * shutdown ends within its own budget, cutting a send in flight if it must.
 */
final class ExportProcessor implements Runnable {
  /** Batching, span limits, and where spans go (OTLP, the console or both). */
  final ExportSettings settings;
  private final Supplier<OtlpChannel> channelFactory;
  /** Built by the worker on its first export: the transport's classes load then, not during start-up. */
  private volatile OtlpChannel channel;
  /** Built by the worker on its first export too: detecting the resource stays out of premain. */
  private final Supplier<SpanEncoder> encoderFactory;
  private SpanEncoder encoder;
  private final SpanExportStats stats;
  private final MpscAtomicArrayQueue<VigilSpan> queue;
  private final VigilSpan[] batch;
  private final int batchSize;
  private final long delayNanos;
  private final Thread worker;
  /** True while the worker sleeps; the first producer that sees a full batch clears it and wakes the worker. */
  private final AtomicBoolean parked = new AtomicBoolean();
  /** Spans of the batch being sent; whoever takes them (the worker after the send, or shutdown) counts them. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean stopping;
  private volatile long deadlineNanos;

  ExportProcessor(Supplier<OtlpChannel> channelFactory, SpanEncoder encoder, SpanExportStats stats,
      ExportSettings settings) {
    this(channelFactory, () -> encoder, stats, settings);
  }

  ExportProcessor(Supplier<OtlpChannel> channelFactory, Supplier<SpanEncoder> encoderFactory, SpanExportStats stats,
      ExportSettings settings) {
    this.settings = settings;
    this.channelFactory = channelFactory;
    this.encoderFactory = encoderFactory;
    this.stats = stats;
    this.queue = new MpscAtomicArrayQueue<>(Math.max(2, settings.maxQueueSize));
    this.batchSize = settings.maxExportBatchSize;
    this.batch = new VigilSpan[batchSize];
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(settings.scheduleDelayMillis);
    stats.queue(() -> queue.size() + inFlight.get());
    worker = new Thread(this, "vigil-span-export");
    worker.setDaemon(true);
    worker.start();
  }

  /** A sampled span ended: queued, or dropped and counted. */
  void ended(VigilSpan span) {
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
  public void run() {
    try (Scope ignored = Tracing.suppressInstrumentation(Context.root()).makeCurrent()) {
      long next = System.nanoTime() + delayNanos;
      while (!stopping) {
        long now = System.nanoTime();
        if (queue.size() >= batchSize || (now >= next && !queue.isEmpty())) {
          exportBatch();
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
      while (!queue.isEmpty() && System.nanoTime() - deadlineNanos < 0) {
        exportBatch(); // shutdown cuts the send in flight at its deadline
      }
      dropQueued();
    } catch (Throwable t) {
      AgentLog.error("span export stopped; spans are dropped from now on", t);
      stopping = true;
    }
  }

  private void exportBatch() {
    int n = 0;
    VigilSpan span;
    while (n < batchSize && (span = queue.relaxedPoll()) != null) {
      batch[n++] = span;
    }
    if (n == 0) {
      return;
    }
    inFlight.set(n);
    OtlpChannel.Outcome outcome = OtlpChannel.Outcome.FAILED;
    try {
      if (settings.console) {
        ConsoleSpans.print(batch, n);
      }
      if (!settings.otlp) {
        Arrays.fill(batch, 0, n, null);
        outcome = OtlpChannel.Outcome.SENT;
        return;
      }
      OtlpChannel c = channel;
      if (c == null) {
        channel = c = channelFactory.get();
      }
      if (encoder == null) {
        encoder = encoderFactory.get();
      }
      ProtoBuffer request = encoder.encode(batch, n);
      Arrays.fill(batch, 0, n, null);
      outcome = c.send(request);
    } catch (RuntimeException | LinkageError e) {
      Arrays.fill(batch, 0, n, null);
      AgentLog.once(AgentLog.Level.WARN, "span-export-error", "exporting spans failed (" + e
          + "); dropped spans are counted in vigil_exporter_spans_dropped_total", null);
    } finally {
      int taken = inFlight.getAndSet(0); // 0 when shutdown gave up on this batch and counted it
      if (outcome == OtlpChannel.Outcome.SENT) {
        stats.exported(taken);
      } else {
        stats.dropped(outcome == OtlpChannel.Outcome.TIMEOUT ? Reason.EXPORT_TIMEOUT : Reason.EXPORT_FAILED, taken);
      }
    }
  }

  /**
   * Lets the worker export what is queued until the deadline, then cuts the send in flight (the channel's shutdown
   * unblocks it) and counts what is left as dropped (reason shutdown). Returns within {@code timeoutMillis}.
   */
  void shutdown(long timeoutMillis) {
    if (stopping) {
      return;
    }
    long start = System.nanoTime();
    deadlineNanos = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) * 9 / 10; // a tenth left to close
    stopping = true;
    LockSupport.unpark(worker);
    join(deadlineNanos);
    stats.dropped(Reason.SHUTDOWN, inFlight.getAndSet(0));
    OtlpChannel c = channel;
    if (c != null) {
      c.shutdown(Math.max(1, timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    }
    join(start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    if (!worker.isAlive()) {
      dropQueued(); // the queue has one consumer: only once the worker is gone
    }
  }

  /** Counts what is still queued as dropped (reason shutdown). */
  private void dropQueued() {
    int left = 0;
    while (queue.relaxedPoll() != null) {
      left++;
    }
    stats.dropped(Reason.SHUTDOWN, left);
  }

  private void join(long untilNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(untilNanos - System.nanoTime());
    try {
      if (millis > 0) {
        worker.join(millis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
