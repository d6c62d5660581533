package dev.vigil.agent.insight;

import java.util.List;

/** The JVM spends 5% or more of its time in GC, or the heap stays 85% or more full after a collection. */
final class GcPressureRule implements Rule {
  static final double MIN_TIME_RATIO = 0.05;
  static final double MIN_HEAP_AFTER_GC = 0.85;

  @Override
  public Cause check(RouteContext route) {
    double time = route.jvm.gcTimeRatio;
    double heap = route.jvm.heapAfterGcRatio;
    boolean slow = time >= MIN_TIME_RATIO;
    boolean full = heap >= MIN_HEAP_AFTER_GC;
    if (!slow && !full || route.summary.windowRequests == 0) {
      return null;
    }
    double score = Math.max(slow ? Math.min(1, 0.4 + time * 3) : 0, full ? heap * 0.8 : 0);
    return new Cause("gc_pressure", score, "GC pressure", List.of(
        "GC time " + Rule.pct(Double.isNaN(time) ? 0 : time) + " of wall time",
        "heap after GC " + (Double.isNaN(heap) ? "-" : Rule.pct(heap)) + " of its maximum"));
  }
}
