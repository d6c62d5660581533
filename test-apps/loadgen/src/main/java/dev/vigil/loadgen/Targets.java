package dev.vigil.loadgen;

import java.util.List;

/**
 * Spreads requests over targets by weight, interleaved (smooth weighted round robin, as nginx does): weights 3 and 1
 * give A A B A, not A A A B. The cycle is computed once, so picking is a pure function of the request number.
 */
public final class Targets {
  private final List<Target> all;
  private final int[] cycle;

  public Targets(List<Target> all) {
    if (all.isEmpty()) {
      throw new IllegalArgumentException("at least one --target is needed");
    }
    this.all = List.copyOf(all);
    int total = 0;
    for (Target t : all) {
      total += t.weight;
    }
    cycle = new int[total];
    int[] current = new int[all.size()];
    for (int slot = 0; slot < total; slot++) {
      int best = 0;
      for (int k = 0; k < current.length; k++) {
        current[k] += all.get(k).weight;
        if (current[k] > current[best]) {
          best = k;
        }
      }
      current[best] -= total;
      cycle[slot] = best;
    }
  }

  public List<Target> all() {
    return all;
  }

  /** Index (into {@link #all()}) of the target of request {@code seq}. */
  public int pick(long seq) {
    return cycle[(int) Math.floorMod(seq, (long) cycle.length)];
  }
}
