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
        if (busy >= 0 && max > 0) {
          out.add(new Resource(e.type() + "/" + e.name(), busy, max, Math.max(0, e.queueDepth())));
        }
      }
    }
    if (dbPools != null) {
      for (ConnectionPoolStats p : dbPools.get()) {
        if (p.alive() && p.used() >= 0 && p.max() > 0) {
          out.add(new Resource("db_pool/" + p.name(), p.used(), p.max(), Math.max(0, p.pending())));
        }
      }
    }
    out.sort(Comparator.comparingDouble(Resource::ratio).reversed()
        .thenComparing(Comparator.comparingLong((Resource r) -> r.waiting).reversed())
        .thenComparing(r -> r.name));
    return out;
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
