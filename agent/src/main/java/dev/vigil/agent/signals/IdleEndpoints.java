package dev.vigil.agent.signals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which derived endpoints may be evicted: at each tick, those with no request completed since the previous tick and none
 * in flight, the longest idle first. Recording pays nothing for it: the ticker compares the request counters it reads
 * anyway. Guarded by the registry's lock.
 */
final class IdleEndpoints {
  private static final Comparator<EndpointStats> LONGEST_IDLE_FIRST = new LongestIdleFirst();
  private final ArrayDeque<EndpointStats> candidates = new ArrayDeque<>();

  /** Counts idle ticks for every endpoint and lists the derived ones idle for a whole tick. */
  void tick(List<EndpointStats> all) {
    List<EndpointStats> idle = new ArrayList<>();
    for (EndpointStats s : all) {
      if (s.idleSinceLastTick()) {
        s.idleTicks++;
        if (s.derived && !s.retired()) {
          idle.add(s);
        }
      } else {
        s.idleTicks = 0;
        s.requestsAtLastTick = s.requests();
      }
    }
    idle.sort(LONGEST_IDLE_FIRST);
    candidates.clear();
    candidates.addAll(idle);
  }

  /** The longest idle derived endpoint that is still idle, or null. */
  EndpointStats take() {
    EndpointStats s;
    while ((s = candidates.poll()) != null) {
      if (!s.retired() && s.idleSinceLastTick()) {
        return s;
      }
    }
    return null;
  }

  /** For a template when nothing is idle: the derived endpoint idle the longest, busy or not; null when none exists. */
  static EndpointStats mostIdleDerived(List<EndpointStats> all) {
    EndpointStats best = null;
    for (EndpointStats s : all) {
      if (s.derived && !s.retired() && (best == null || s.idleTicks > best.idleTicks)) {
        best = s;
      }
    }
    return best;
  }

  private static final class LongestIdleFirst implements Comparator<EndpointStats> {
    @Override
    public int compare(EndpointStats a, EndpointStats b) {
      return Integer.compare(b.idleTicks, a.idleTicks);
    }
  }
}
