package dev.vigil.loadgen;

import java.util.ArrayList;
import java.util.List;

/** Latency stats per target and over all targets. Thread-safe. */
public final class Results {
  private final Targets targets;
  private final LatencyStats all;
  private final LatencyStats[] perTarget;

  public Results(Targets targets, long warmupEndNanos, long apdexNanos) {
    this.targets = targets;
    this.all = new LatencyStats(warmupEndNanos, apdexNanos);
    this.perTarget = new LatencyStats[targets.all().size()];
    for (int i = 0; i < perTarget.length; i++) {
      perTarget[i] = new LatencyStats(warmupEndNanos, apdexNanos);
    }
  }

  public void complete(int target, long intendedNanos, long endNanos, boolean ok) {
    all.complete(intendedNanos, endNanos, ok);
    perTarget[target].complete(intendedNanos, endNanos, ok);
  }

  public void late(int target, long intendedNanos) {
    all.late(intendedNanos);
    perTarget[target].late(intendedNanos);
  }

  public LatencyStats.Summary total(double seconds) {
    return all.summary("all", seconds);
  }

  public List<LatencyStats.Summary> byTarget(double seconds) {
    List<LatencyStats.Summary> out = new ArrayList<>();
    for (int i = 0; i < perTarget.length; i++) {
      out.add(perTarget[i].summary(targets.all().get(i).name, seconds));
    }
    return out;
  }
}
