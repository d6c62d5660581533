package dev.vigil.agent.logs;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.OtlpChannel.Outcome;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * The bounded hand-off from application threads to the log export thread, bounded in records and in bytes: each
 * message is cut to {@code maxMessageChars} before it is queued, and the records queued hold at most {@code maxBytes}
 * (estimated, {@link LogEntry#bytes}: counted on offer, released on drain). Offering never blocks: a record past either
 * bound is dropped and counted. One daemon thread drains batches and hands them to the exporter, at the latest every
 * {@code intervalMillis}; a failed export drops its batch, counted.
 */
public final class LogQueue implements MetricProducer {
  /** Exports one batch within its timeout; runs on the export thread. */
  public interface BatchExporter {
    Outcome export(List<LogEntry> batch);

    /** Unblocks an export in flight, for shutdown. */
    default void shutdown(long timeoutMillis) {}
  }

  static final int BATCH = 512;
  static final int MAX_BYTES = 16 << 20;
  static final int MAX_MESSAGE_CHARS = 16 << 10;
  /** Most records per export (OTEL_BLRP_MAX_EXPORT_BATCH_SIZE). */
  private final int batchSize;
  private final MpscAtomicArrayQueue<LogEntry> queue;
  private final long intervalNanos;
  private final long maxBytes;
  private final int maxMessageChars;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final LongAdder queueFull = new LongAdder();
  private final LongAdder queueBytes = new LongAdder();
  private final LongAdder cut = new LongAdder();
  private final LongAdder exportFailed = new LongAdder();
  private final LongAdder timeout = new LongAdder();
  private final LongAdder shutdown = new LongAdder();
  private final LongAdder exported = new LongAdder();
  private volatile Thread thread;
  private volatile boolean closing;

  public LogQueue(int capacity, long intervalMillis) {
    this(capacity, intervalMillis, BATCH);
  }

  public LogQueue(int capacity, long intervalMillis, int batchSize) {
    this(capacity, intervalMillis, batchSize, MAX_BYTES, MAX_MESSAGE_CHARS);
  }

  public LogQueue(int capacity, long intervalMillis, int batchSize, long maxBytes, int maxMessageChars) {
    this.batchSize = Math.max(1, batchSize);
    this.queue = new MpscAtomicArrayQueue<>(Math.max(16, capacity));
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(10, intervalMillis));
    this.maxBytes = Math.max(LogEntry.OVERHEAD_BYTES, maxBytes);
    this.maxMessageChars = Math.max(1, maxMessageChars);
  }

  /** Queues the record, its message cut to the maximum length; drops and counts it past the queue's bounds. */
  public void offer(LogEntry entry) {
    LogEntry e = entry.cut(maxMessageChars);
    if (e != entry) {
      cut.increment();
    }
    if (queuedBytes.addAndGet(e.bytes) > maxBytes) {
      queuedBytes.addAndGet(-e.bytes);
      queueBytes.increment();
    } else if (!queue.relaxedOffer(e)) {
      queuedBytes.addAndGet(-e.bytes);
      queueFull.increment();
    }
  }

  private LogEntry poll() {
    LogEntry e = queue.relaxedPoll();
    if (e != null) {
      queuedBytes.addAndGet(-e.bytes);
    }
    return e;
  }

  /** Bytes the queued records hold (estimated). */
  long queuedBytes() {
    return queuedBytes.get();
  }

  /** True on the export thread: records written there (the exporter's own logging) are not exported. */
  public boolean isExportThread() {
    return Thread.currentThread() == thread;
  }

  public synchronized void start(BatchExporter exporter) {
    if (thread != null) {
      return;
    }
    Thread t = new Thread(() -> run(exporter), "vigil-logs-export");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private void run(BatchExporter exporter) {
    List<LogEntry> batch = new ArrayList<>(batchSize);
    long deadline = System.nanoTime() + intervalNanos;
    while (!closing) {
      drainInto(batch);
      long now = System.nanoTime();
      if (batch.size() >= batchSize || (!batch.isEmpty() && now - deadline >= 0)) {
        exportBatch(exporter, batch);
        deadline = System.nanoTime() + intervalNanos;
      } else if (batch.isEmpty() && now - deadline >= 0) {
        deadline = now + intervalNanos;
      } else {
        LockSupport.parkNanos(Math.min(intervalNanos, 50_000_000L));
      }
    }
    if (!batch.isEmpty()) {
      exportBatch(exporter, batch); // drained before shutdown asked: still within its budget
    }
  }

  /** Drains what is queued, up to one batch (visible for tests). */
  void drainInto(List<LogEntry> batch) {
    while (batch.size() < batchSize) {
      LogEntry e = poll();
      if (e == null) {
        return;
      }
      batch.add(e);
    }
  }

  /** Exports and empties {@code batch}; counts it as exported or dropped (visible for tests). */
  void exportBatch(BatchExporter exporter, List<LogEntry> batch) {
    Outcome outcome;
    try {
      outcome = exporter.export(batch);
    } catch (Throwable t) {
      AgentLog.every(AgentLog.Level.WARN, "logs-export", "OTLP log export failed; records dropped", t);
      outcome = Outcome.FAILED;
    }
    (outcome == Outcome.SENT ? exported : outcome == Outcome.TIMEOUT ? timeout : exportFailed).add(batch.size());
    batch.clear();
  }

  /**
   * For shutdown: stops the export thread (the queue has one consumer), then exports what is still queued while
   * {@code budgetMillis} lasts; what is left is counted as dropped (reason shutdown). An export still in flight when
   * nine tenths of the budget are gone is cut (the exporter's shutdown unblocks it). Returns within the budget.
   */
  public void shutdown(BatchExporter exporter, long budgetMillis) {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
    closing = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      join(t, start + TimeUnit.MILLISECONDS.toNanos(budgetMillis) * 9 / 10);
      if (t.isAlive()) { // still in an export call: cut it, and leave the queue to its consumer
        exporter.shutdown(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        join(t, deadline);
        shutdown.add(queue.size());
        return;
      }
    }
    flush(exporter, deadline);
    exporter.shutdown(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
  }

  private static void join(Thread t, long untilNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(untilNanos - System.nanoTime());
    try {
      if (millis > 0) {
        t.join(millis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Exports what is queued until {@code deadline} (System.nanoTime); the rest counts as dropped (shutdown). */
  void flush(BatchExporter exporter, long deadline) {
    List<LogEntry> batch = new ArrayList<>(batchSize);
    drainInto(batch);
    while (!batch.isEmpty() && System.nanoTime() - deadline < 0) {
      exportBatch(exporter, batch);
      drainInto(batch);
    }
    shutdown.add(batch.size());
    batch.clear();
    for (LogEntry e = poll(); e != null; e = poll()) {
      shutdown.increment();
    }
  }

  public long dropped(String reason) {
    switch (reason) {
      case "queue_full": return queueFull.sum();
      case "queue_bytes": return queueBytes.sum();
      case "export_failed": return exportFailed.sum();
      case "timeout": return timeout.sum();
      case "shutdown": return shutdown.sum();
      default: return 0;
    }
  }

  /** Records whose message was cut to the maximum length before it was queued. */
  public long cut() {
    return cut.sum();
  }

  public long exported() {
    return exported.sum();
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<Point> dropped = new ArrayList<>(5);
    dropped.add(Point.value(Labels.of("reason", "queue_full"), queueFull.sum()));
    dropped.add(Point.value(Labels.of("reason", "queue_bytes"), queueBytes.sum()));
    dropped.add(Point.value(Labels.of("reason", "export_failed"), exportFailed.sum()));
    dropped.add(Point.value(Labels.of("reason", "timeout"), timeout.sum()));
    dropped.add(Point.value(Labels.of("reason", "shutdown"), shutdown.sum()));
    out.add(new MetricFamily("vigil_exporter_logs_dropped", MetricFamily.Type.COUNTER,
        "Application log records not exported over OTLP: queue_full (the bounded queue was full), queue_bytes (the"
            + " records queued held the queue's byte budget), export_failed"
            + " (the receiver did not take the batch), timeout (the export did not end within its timeout), shutdown"
            + " (still queued when the shutdown flush ran out of time).", "", dropped));
    out.add(new MetricFamily("vigil_exporter_logs_exported", MetricFamily.Type.COUNTER,
        "Application log records exported over OTLP.", "", List.of(Point.value(Labels.EMPTY, exported.sum()))));
    out.add(new MetricFamily("vigil_exporter_logs_cut", MetricFamily.Type.COUNTER,
        "Application log records whose message was cut to vigil.logs.max_value_length before it was queued.", "",
        List.of(Point.value(Labels.EMPTY, cut.sum()))));
  }
}
