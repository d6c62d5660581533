package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * How busy each bounded resource is, busy / capacity: the HTTP server's worker pool ({@code server/<name>}), each
 * database connection pool ({@code db_pool/<name>}) and each executor ({@code executor/<name>}).
 * {@code vigil_saturation_ratio{resource}} and the saturation section of /vigil/signals, most saturated first.
 *
 * <p>Only resources that did real work rank: a pool a driver or connection pool keeps for its own upkeep never does, and
 * neither does a pool that never completed a task and has nothing waiting (a single thread parked for ever in one
 * endless task, such as a cleanup loop blocked on a reference queue, is not busy). A scheduled pool's waiting work is
 * its due tasks only (see {@code vigil_executor_queue_depth}).
 */
public final class Saturation implements MetricProducer {
  private final Supplier<List<ExecutorStats>> executors;
  private final Supplier<List<? extends ConnectionPoolStats>> dbPools;

  public Saturation(Supplier<List<ExecutorStats>> executors, Supplier<List<? extends ConnectionPoolStats>> dbPools) {
    this.executors = executors;
    this.dbPools = dbPools;
  }

  /** One resource: busy units, capacity, and waiting work (queued tasks, threads waiting for a connection). */
  public static final class Resource {
    public final String name;
    public final long busy;
    public final long capacity;
    public final long waiting;

    Resource(String name, long busy, long capacity, long waiting) {
      this.name = name;
      this.busy = busy;
      this.capacity = capacity;
      this.waiting = waiting;
    }

    public double ratio() {
      return Math.min(1.0, (double) busy / capacity);
    }
  }

  /** Every resource with a known capacity, most saturated first (then most waiting work). */
  public List<Resource> resources() {
    List<Resource> out = new ArrayList<>();
    if (executors != null) {
      for (ExecutorStats e : executors.get()) {
        long busy = e.activeThreads();
        long max = e.maxSize();
        long waiting = Math.max(0, e.queueDepth());
        if (busy >= 0 && max > 0 && !e.housekeeping() && (waiting > 0 || workedSomeTime(e))) {
          out.add(new Resource(e.type() + "/" + e.name(), busy, max, waiting));
        }
      }
    }
    if (dbPools != null) {
      for (ConnectionPoolStats p : dbPools.get()) {
        int used = p.used();
        int pending = Math.max(0, p.pending());
        if (p.alive() && used >= 0 && p.max() > 0 && (used > 0 || pending > 0 || p.waitTime().count() > 0)) {
          out.add(new Resource("db_pool/" + p.name(), used, p.max(), pending));
        }
      }
    }
    out.sort(Comparator.comparingDouble(Resource::ratio).reversed()
        .thenComparing(Comparator.comparingLong((Resource r) -> r.waiting).reversed())
        .thenComparing(r -> r.name));
    return out;
  }

  /**
   * The resource to look at first, or null when none is busy and none has work waiting (an idle application has no
   * most saturated resource, whatever the order of the idle ones).
   */
  public Resource mostSaturated() {
    return top(resources());
  }

  /** The first of resources ranked by {@link #resources}, or null when it is idle. */
  public static Resource top(List<Resource> ranked) {
    return ranked.isEmpty() || (ranked.get(0).busy == 0 && ranked.get(0).waiting == 0) ? null : ranked.get(0);
  }

  /** Whether the pool ever finished a task, as it counts them or as timed by the agent; true when it cannot tell. */
  private static boolean workedSomeTime(ExecutorStats e) {
    long completed = e.completed();
    BucketHistogram runs = e.runTime();
    if (completed > 0 || (runs != null && runs.count() > 0)) {
      return true;
    }
    return completed < 0 && runs == null; // a server pool that counts no tasks: always ranks
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<Point> points = new ArrayList<>();
    for (Resource r : resources()) {
      points.add(Point.value(Labels.of("resource", r.name), r.ratio()));
    }
    out.add(new MetricFamily("vigil_saturation_ratio", MetricFamily.Type.GAUGE,
        "Busy over capacity of a bounded resource: server worker pool, database connection pool, executor.", "ratio",
        points));
  }
}
