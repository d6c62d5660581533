package dev.vigil.agent.recording;

import dev.vigil.agent.signals.BucketHistogram;
import dev.vigil.agent.signals.ExecutorStats;
import dev.vigil.bootstrap.TaskTimer;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One tracked pool: the executor held weakly, its name, task timings (lock-free, recorded by the worker threads) and a
 * {@link PoolGauges} that reads the pool's own counters on scrape.
 */
final class ExecutorPool implements ExecutorStats, TaskTimer {
  static final BucketHistogram.Bounds BOUNDS = new BucketHistogram.Bounds(
      new double[] {0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30});

  final WeakReference<Object> executor;
  final String name;
  final String type;
  final PoolGauges gauges;
  final boolean housekeeping;
  private final BucketHistogram queueWait;
  private final BucketHistogram runTime;
  private final LongAdder rejected = new LongAdder();

  ExecutorPool(Object executor, String name, String type, PoolGauges gauges, boolean timed) {
    this(executor, name, type, gauges, timed, false);
  }

  ExecutorPool(Object executor, String name, String type, PoolGauges gauges, boolean timed, boolean housekeeping) {
    this.executor = new WeakReference<>(executor);
    this.housekeeping = housekeeping;
    this.name = name;
    this.type = type;
    this.gauges = gauges;
    this.queueWait = timed ? new BucketHistogram(BOUNDS) : null;
    this.runTime = timed ? new BucketHistogram(BOUNDS) : null;
  }

  @Override
  public void ran(long dueNanos, long startNanos, long endNanos) {
    if (runTime == null) {
      return;
    }
    if (dueNanos != 0) {
      queueWait.record(Math.max(0, startNanos - dueNanos));
    }
    runTime.record(Math.max(0, endNanos - startNanos));
  }

  void reject() {
    rejected.increment();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public boolean housekeeping() {
    return housekeeping;
  }

  @Override
  public boolean alive() {
    return gauges == null || executor.get() != null;
  }

  @Override
  public int activeThreads() {
    return gauges == null ? -1 : gauges.read(executor.get(), PoolGauges.ACTIVE);
  }

  @Override
  public int poolSize() {
    return gauges == null ? -1 : gauges.read(executor.get(), PoolGauges.SIZE);
  }

  @Override
  public int maxSize() {
    return gauges == null ? -1 : gauges.read(executor.get(), PoolGauges.MAX);
  }

  @Override
  public int queueDepth() {
    return gauges == null ? -1 : gauges.read(executor.get(), PoolGauges.QUEUED);
  }

  @Override
  public int queueRemaining() {
    return gauges == null ? -1 : gauges.read(executor.get(), PoolGauges.REMAINING);
  }

  @Override
  public long completed() {
    return gauges == null ? -1 : gauges.readLong(executor.get(), PoolGauges.COMPLETED);
  }

  @Override
  public long rejected() {
    return rejected.sum();
  }

  @Override
  public BucketHistogram queueWait() {
    return queueWait;
  }

  @Override
  public BucketHistogram runTime() {
    return runTime;
  }
}
