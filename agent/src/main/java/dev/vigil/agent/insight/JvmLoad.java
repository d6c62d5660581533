package dev.vigil.agent.insight;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/**
 * GC and CPU load from the JDK's MXBeans, read when the API is asked (never on a request thread): the share of wall
 * time spent in GC since the previous reading at least {@link #MIN_SPAN_MS} earlier, heap used after the last GC over
 * its maximum, and process and machine CPU load (0 to 1 of all cores).
 */
final class JvmLoad {
  static final long MIN_SPAN_MS = 10_000;
  private long baseWallMs = -1;
  private long baseGcMs;
  private double lastRatio = Double.NaN;

  /** What the rules read. NaN where the JVM cannot tell. */
  static final class Reading {
    final double gcTimeRatio;
    final double heapAfterGcRatio;
    final double processCpu;
    final double systemCpu;

    Reading(double gcTimeRatio, double heapAfterGcRatio, double processCpu, double systemCpu) {
      this.gcTimeRatio = gcTimeRatio;
      this.heapAfterGcRatio = heapAfterGcRatio;
      this.processCpu = processCpu;
      this.systemCpu = systemCpu;
    }
  }

  synchronized Reading read() {
    return new Reading(gcTimeRatio(System.currentTimeMillis(), gcMillis()), heapAfterGc(), cpu(true), cpu(false));
  }

  /** GC time over wall time since the base reading; the base moves on once it is {@link #MIN_SPAN_MS} old. */
  double gcTimeRatio(long nowMs, long gcMs) {
    if (baseWallMs < 0 || gcMs < baseGcMs) {
      baseWallMs = nowMs;
      baseGcMs = gcMs;
      return lastRatio;
    }
    long span = nowMs - baseWallMs;
    if (span >= MIN_SPAN_MS) {
      lastRatio = Math.min(1.0, (gcMs - baseGcMs) / (double) span);
      baseWallMs = nowMs;
      baseGcMs = gcMs;
    }
    return lastRatio;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      long t = gc.getCollectionTime();
      total += Math.max(0, t);
    }
    return total;
  }

  private static double heapAfterGc() {
    long used = 0;
    long max = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
      if (after != null && pool.getUsage() != null) {
        used += after.getUsed();
        long m = pool.getUsage().getMax();
        max += m > 0 ? m : pool.getUsage().getCommitted();
      }
    }
    return max <= 0 ? Double.NaN : (double) used / max;
  }

  @SuppressWarnings("deprecation") // getSystemCpuLoad: the Java 11 name of getCpuLoad
  private static double cpu(boolean process) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
      double v = process ? sun.getProcessCpuLoad() : sun.getSystemCpuLoad();
      return v < 0 ? Double.NaN : v;
    }
    return Double.NaN;
  }
}
