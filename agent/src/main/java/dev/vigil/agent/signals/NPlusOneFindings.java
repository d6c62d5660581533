package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * N+1 query findings: a request ran the same statement at least the threshold number of times. Counted per (route,
 * database system) for {@code vigil_db_n_plus_one_total} (requests) and {@code vigil_db_n_plus_one_queries_total} (the
 * statements those requests ran: a request's final count, as on its span event), and kept per (route, statement) for
 * {@code /vigil/signals}. Both maps are capped: past the cap a route folds into {@code _other} and new findings are not
 * kept.
 */
public final class NPlusOneFindings {
  /** Per (route, system): flagged requests, and the statements they ran. */
  private final Map<List<String>, LongAdder[]> counters = new ConcurrentHashMap<>();
  private final Map<List<String>, Finding> findings = new ConcurrentHashMap<>();
  private final int maxSeries;
  private final int maxFindings;

  public NPlusOneFindings(int maxSeries, int maxFindings) {
    this.maxSeries = Math.max(1, maxSeries);
    this.maxFindings = Math.max(1, maxFindings);
  }

  /** One request ran this statement {@code count} times (at least the threshold); its finding, or null past the cap. */
  public Finding report(String route, String system, String statement, int count) {
    List<String> series = List.of(route, system);
    if (!counters.containsKey(series) && counters.size() >= maxSeries) {
      series = List.of(DbOperationRegistry.OTHER, system);
    }
    LongAdder[] c = counters.computeIfAbsent(series, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
    c[0].increment();
    c[1].add(count);
    List<String> key = List.of(route, statement);
    Finding finding = findings.get(key);
    if (finding == null) {
      if (findings.size() >= maxFindings) {
        return null;
      }
      finding = findings.computeIfAbsent(key, k -> new Finding(route, system, statement));
    }
    finding.occurrences.increment();
    finding.observe(count);
    return finding;
  }

  /** Flagged requests by (route, system). */
  public Map<List<String>, Long> counts() {
    Map<List<String>, Long> out = new java.util.HashMap<>();
    counters.forEach((k, v) -> out.put(k, v[0].sum()));
    return out;
  }

  /** Statements the flagged requests ran, by (route, system). */
  public Map<List<String>, Long> queries() {
    Map<List<String>, Long> out = new java.util.HashMap<>();
    counters.forEach((k, v) -> out.put(k, v[1].sum()));
    return out;
  }

  /** The findings seen in most requests first. */
  public List<Finding> top(int n) {
    List<Finding> all = new ArrayList<>(findings.values());
    all.sort(Comparator.comparingLong((Finding f) -> -f.occurrences()).thenComparing(f -> f.route)
        .thenComparing(f -> f.statement));
    return all.subList(0, Math.min(n, all.size()));
  }

  /** One (route, statement): in how many requests it was flagged, and the most executions seen in one request. */
  public static final class Finding {
    public final String route;
    public final String system;
    public final String statement;
    private final LongAdder occurrences = new LongAdder();
    private final AtomicInteger maxCount = new AtomicInteger();
    private volatile String exampleTraceId;

    Finding(String route, String system, String statement) {
      this.route = Objects.requireNonNull(route);
      this.system = system;
      this.statement = Objects.requireNonNull(statement);
    }

    /** A flagged request ran the statement {@code count} times. */
    void observe(int count) {
      maxCount.accumulateAndGet(count, Math::max);
    }

    public long occurrences() {
      return occurrences.sum();
    }

    public int maxCount() {
      return maxCount.get();
    }

    /** The trace of a request flagged with this finding (the latest sampled one), or null. */
    public String exampleTraceId() {
      return exampleTraceId;
    }

    public void example(String traceId) {
      exampleTraceId = traceId;
    }
  }
}
