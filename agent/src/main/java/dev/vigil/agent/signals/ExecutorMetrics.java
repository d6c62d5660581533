package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code vigil_executor_*}: per thread pool, its threads, queue, completed and rejected tasks, queue wait, run time. */
public final class ExecutorMetrics implements MetricProducer {
  static final String NAME = "executor_name";
  private final Supplier<List<ExecutorStats>> pools;

  public ExecutorMetrics(Supplier<List<ExecutorStats>> pools) {
    this.pools = pools;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<List<Point>> g = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      g.add(new ArrayList<>());
    }
    List<Point> wait = new ArrayList<>();
    List<Point> run = new ArrayList<>();
    for (ExecutorStats p : pools.get()) {
      Labels l = Labels.of(NAME, p.name());
      add(g.get(0), l, p.activeThreads());
      add(g.get(1), l, p.poolSize());
      add(g.get(2), l, p.maxSize());
      add(g.get(3), l, p.queueDepth());
      add(g.get(4), l, p.queueRemaining());
      add(g.get(5), l, p.completed());
      if (p.queueWait() != null) {
        g.get(6).add(Point.value(l, p.rejected()));
        wait.add(Point.histogram(l, p.queueWait().snapshot()));
        run.add(Point.histogram(l, p.runTime().snapshot()));
      }
    }
    out.add(family("vigil_executor_threads_active", Type.GAUGE, "Threads running a task.", g.get(0)));
    out.add(family("vigil_executor_threads", Type.GAUGE, "Threads in the pool.", g.get(1)));
    out.add(family("vigil_executor_threads_max", Type.GAUGE,
        "Most threads the pool starts (a ForkJoinPool: its parallelism).", g.get(2)));
    out.add(family("vigil_executor_queue_depth", Type.GAUGE, "Tasks waiting in the pool's queue.", g.get(3)));
    out.add(family("vigil_executor_queue_remaining", Type.GAUGE,
        "Room left in a bounded queue (absent for unbounded queues).", g.get(4)));
    out.add(family("vigil_executor_tasks_completed", Type.COUNTER, "Tasks the pool completed.", g.get(5)));
    out.add(family("vigil_executor_tasks_rejected", Type.COUNTER, "Tasks the pool rejected.", g.get(6)));
    out.add(new MetricFamily("vigil_executor_queue_wait_seconds", Type.HISTOGRAM,
        "Time from submit (or due time of a scheduled task) to start.", "seconds", wait));
    out.add(new MetricFamily("vigil_executor_task_duration_seconds", Type.HISTOGRAM, "Time a task ran.", "seconds",
        run));
  }

  private static void add(List<Point> points, Labels labels, long value) {
    if (value >= 0) {
      points.add(Point.value(labels, value));
    }
  }

  private static MetricFamily family(String name, Type type, String help, List<Point> points) {
    return new MetricFamily(name, type, help, "", points);
  }
}
