package dev.vigil.agent.jvm;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM metrics with the OpenTelemetry JVM semantic-convention names: CPU, memory by pool, GC duration, threads,
 * classes. MXBeans are looked up at the first collection, never in premain.
 */
public final class JvmMetrics implements MetricProducer {
  private final GcDurations gc = new GcDurations();
  private final VirtualThreadEvents virtualThreads = new VirtualThreadEvents();
  private volatile boolean virtualThreadsOn = true;

  /** Turns off the JFR stream of virtual-thread events (Java 21+) before it starts. */
  public JvmMetrics virtualThreads(boolean on) {
    virtualThreadsOn = on;
    return this;
  }

  /** Times a virtual thread blocked while pinned (0 before Java 21 or while the JFR stream is off). */
  public long virtualThreadsPinned() {
    return virtualThreads.pinned();
  }

  /** Subscribes to GC notifications; idempotent. Called by the ticker once the application runs. */
  public void startListening() {
    gc.start();
    if (virtualThreadsOn) {
      virtualThreads.start();
    }
  }

  @Override
  public void collect(List<MetricFamily> out) {
    startListening();
    cpu(out);
    memory(out);
    out.add(gc.family());
    threads(out);
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    out.add(gauge("jvm.class.count", "{class}", "Classes currently loaded.", classes.getLoadedClassCount())
        .prometheusName("jvm_classes", ""));
    out.add(MetricFamily.otel("jvm.class.loaded", "{class}", Type.COUNTER, "Classes loaded since the JVM started.",
        List.of(Point.value(Labels.EMPTY, classes.getTotalLoadedClassCount()))));
    out.add(MetricFamily.otel("jvm.class.unloaded", "{class}", Type.COUNTER, "Classes unloaded since the JVM started.",
        List.of(Point.value(Labels.EMPTY, classes.getUnloadedClassCount()))));
    JvmBuffersAndMemory.collect(out);
    virtualThreads.collect(out);
  }

  private static void cpu(List<MetricFamily> out) {
    // jvm.*.count gauges would render as *_count, a suffix Prometheus reserves for histograms: named otherwise there.
    out.add(gauge("jvm.cpu.count", "{cpu}", "Processors available to the JVM.",
        Runtime.getRuntime().availableProcessors()).prometheusName("jvm_cpus", ""));
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
      double load = sun.getProcessCpuLoad();
      if (load >= 0) {
        out.add(gauge("jvm.cpu.recent_utilization", "1",
            "Recent CPU utilization of the process, 0 to 1 across all processors.", load));
      }
      long cpuNanos = sun.getProcessCpuTime();
      if (cpuNanos >= 0) {
        out.add(MetricFamily.otel("jvm.cpu.time", "s", Type.COUNTER, "CPU time used by the process.",
            List.of(Point.value(Labels.EMPTY, cpuNanos / 1e9))));
      }
    }
  }

  private static void memory(List<MetricFamily> out) {
    List<Point> used = new ArrayList<>();
    List<Point> committed = new ArrayList<>();
    List<Point> limit = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage usage = pool.getUsage();
      if (usage == null) {
        continue;
      }
      Labels labels = Labels.of("jvm_memory_type", pool.getType() == MemoryType.HEAP ? "heap" : "non_heap",
          "jvm_memory_pool_name", pool.getName());
      used.add(Point.value(labels, usage.getUsed()));
      committed.add(Point.value(labels, usage.getCommitted()));
      if (usage.getMax() >= 0) {
        limit.add(Point.value(labels, usage.getMax()));
      }
    }
    out.add(MetricFamily.otel("jvm.memory.used", "By", Type.GAUGE, "Memory used, by pool.", used));
    out.add(MetricFamily.otel("jvm.memory.committed", "By", Type.GAUGE, "Memory committed, by pool.", committed));
    out.add(MetricFamily.otel("jvm.memory.limit", "By", Type.GAUGE, "Most memory a pool can use.", limit));
  }

  private static void threads(List<MetricFamily> out) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    out.add(MetricFamily.otel("jvm.thread.count", "{thread}", Type.GAUGE, "Live threads, by daemon flag and state.",
        JvmBuffersAndMemory.threadsByState(threads)).prometheusName("jvm_threads", ""));
  }

  private static MetricFamily gauge(String otelName, String otelUnit, String help, double value) {
    return MetricFamily.otel(otelName, otelUnit, Type.GAUGE, help, List.of(Point.value(Labels.EMPTY, value)));
  }
}
