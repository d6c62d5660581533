package dev.vigil.agent.signals;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Retained heap per endpoint series: creates N endpoints (one status series each, a request recorded so the sliding
 * window exists) and divides the growth of used heap after full GCs by N. Not a JMH benchmark: JMH measures rates, this
 * measures what stays. Run by scripts/jmh.sh --footprint.
 */
public final class Footprint {
  private Footprint() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    EndpointRegistry registry = new EndpointRegistry(n + 1, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
    String[] routes = new String[n];
    for (int i = 0; i < n; i++) {
      routes[i] = "/api/resource" + i + "/{id}"; // kept in both runs so that only the series are counted
    }
    long before = usedAfterGc();
    for (int i = 0; i < n; i++) {
      registry.get("GET", routes[i]).complete(1_000_000L, 200, null);
    }
    long afterRecord = usedAfterGc();
    registry.tick(); // the window's slots have drained the recorder at least once: steady-state size
    new HttpServerMetrics(registry).collect(new java.util.ArrayList<>());
    long afterScrape = usedAfterGc();
    System.out.printf("endpoints: %d%n", registry.endpoints().size());
    System.out.printf("bytes per endpoint series, after first request: %d%n", (afterRecord - before) / n);
    System.out.printf("bytes per endpoint series, after a tick and a scrape: %d%n", (afterScrape - before) / n);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
