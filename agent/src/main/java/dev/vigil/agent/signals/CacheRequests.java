package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cache reads per database system (Redis GET, MGET per key, …): hits and misses (a nil reply), exact counts. A recorder
 * takes its counters when it is installed, whether or not the application uses the library: a system is listed only
 * from its first read on, so that an application without Redis shows no Redis series.
 */
public final class CacheRequests {
  private static final int MAX_SYSTEMS = 16;
  private final ConcurrentHashMap<String, Counts> bySystem = new ConcurrentHashMap<>();

  /** The counters of {@code system}; found once by a recorder and kept. */
  public Counts counts(String system) {
    Counts c = bySystem.get(system);
    if (c == null) {
      c = bySystem.size() < MAX_SYSTEMS ? bySystem.computeIfAbsent(system, Counts::new)
          : bySystem.computeIfAbsent(DbOperationRegistry.OTHER, Counts::new);
    }
    return c;
  }

  /** The systems that saw at least one read, by name. */
  public List<Counts> all() {
    List<Counts> all = new ArrayList<>();
    for (Counts c : bySystem.values()) {
      if (c.hits() + c.misses() > 0) {
        all.add(c);
      }
    }
    all.sort((a, b) -> a.system.compareTo(b.system));
    return all;
  }

  /** Hits and misses of one system. */
  public static final class Counts {
    public final String system;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    Counts(String system) {
      this.system = system;
    }

    public void hit() {
      hits.increment();
    }

    public void miss() {
      misses.increment();
    }

    public long hits() {
      return hits.sum();
    }

    public long misses() {
      return misses.sum();
    }

    /** Hits over all reads, or NaN before any read. */
    public double ratio() {
      long h = hits();
      long total = h + misses();
      return total == 0 ? Double.NaN : (double) h / total;
    }
  }
}
