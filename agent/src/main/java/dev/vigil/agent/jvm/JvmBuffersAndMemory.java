package dev.vigil.agent.jvm;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.Point;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rest of the OpenTelemetry JVM set: buffer pools ({@code jvm.buffer.*}), memory after the last GC and initial
 * memory by pool, threads by state. {@code jvm.buffer.count} is rendered {@code jvm_buffers}: promtool rejects a gauge
 * named {@code _count} (as {@code jvm_classes} and {@code jvm_cpus}).
 */
final class JvmBuffersAndMemory {
  private JvmBuffersAndMemory() {}

  static void collect(List<MetricFamily> out) {
    List<Point> used = new ArrayList<>();
    List<Point> limit = new ArrayList<>();
    List<Point> count = new ArrayList<>();
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      Labels l = Labels.of("jvm_buffer_pool_name", pool.getName());
      used.add(Point.value(l, pool.getMemoryUsed()));
      limit.add(Point.value(l, pool.getTotalCapacity()));
      count.add(Point.value(l, pool.getCount()));
    }
    out.add(MetricFamily.otel("jvm.buffer.memory.used", "By", Type.GAUGE, "Memory used by buffers, by pool.", used));
    out.add(MetricFamily.otel("jvm.buffer.memory.limit", "By", Type.GAUGE, "Total capacity of the buffers, by pool.",
        limit));
    out.add(MetricFamily.otel("jvm.buffer.count", "{buffer}", Type.GAUGE, "Buffers in the pool (jvm.buffer.count).",
        count).prometheusName("jvm_buffers", ""));
    List<Point> afterGc = new ArrayList<>();
    List<Point> init = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      Labels l = Labels.of("jvm_memory_type", pool.getType() == MemoryType.HEAP ? "heap" : "non_heap",
          "jvm_memory_pool_name", pool.getName());
      MemoryUsage collected = pool.getCollectionUsage();
      if (collected != null) {
        afterGc.add(Point.value(l, collected.getUsed()));
      }
      MemoryUsage usage = pool.getUsage();
      if (usage != null && usage.getInit() >= 0) {
        init.add(Point.value(l, usage.getInit()));
      }
    }
    out.add(MetricFamily.otel("jvm.memory.used_after_last_gc", "By", Type.GAUGE,
        "Memory used by a pool right after the last GC that collected it.", afterGc));
    out.add(MetricFamily.otel("jvm.memory.init", "By", Type.GAUGE, "Memory a pool asked for at start.", init));
  }

  /** Platform threads by daemon flag and state (lower case, as the semantic conventions spell them). */
  static List<Point> threadsByState(ThreadMXBean threads) {
    Thread.State[] states = Thread.State.values();
    long[][] counts = new long[2][states.length];
    for (ThreadInfo info : threads.dumpAllThreads(false, false, 0)) {
      if (info != null) {
        counts[info.isDaemon() ? 1 : 0][info.getThreadState().ordinal()]++;
      }
    }
    List<Point> points = new ArrayList<>();
    for (int d = 0; d < 2; d++) {
      for (Thread.State s : states) {
        long n = counts[d][s.ordinal()];
        if (n > 0) {
          points.add(Point.value(Labels.of("jvm_thread_daemon", d == 1 ? "true" : "false",
              "jvm_thread_state", s.name().toLowerCase(Locale.ROOT)), n));
        }
      }
    }
    return points;
  }
}
