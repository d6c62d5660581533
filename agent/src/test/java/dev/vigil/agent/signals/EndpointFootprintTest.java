package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

/**
 * Measures the heap one endpoint series holds: N endpoints are filled like a busy service's (two status codes, a spread
 * of latencies, the window drained by scrapes and ticks), and the heap used after full GCs is compared with the heap
 * before. The figures go to docs/metrics.md; the assertion only catches a blow-up (such as losing the packed slots).
 */
class EndpointFootprintTest {
  private static final int N = 200;
  private static final long MS = 1_000_000L;

  @Test
  void oneBusyEndpointHoldsWellUnderAQuarterMegabyte() {
    List<Object> keep = new ArrayList<>();
    long perEndpoint = perInstance(() -> busyRegistry(N), 1, keep) / N;
    long recorder = perInstance(() -> new Recorder(1, SlidingWindow.HIGHEST_MICROS, 2), N, keep);
    long histogram = perInstance(() -> new Histogram(1, SlidingWindow.HIGHEST_MICROS, 2), N, keep);
    long packedEmpty = perInstance(() -> new PackedHistogram(1, SlidingWindow.HIGHEST_MICROS, 2), N, keep);
    long buckets = perInstance(BucketHistogram::new, N, keep);
    long samples = perInstance(() -> new LatencyReservoir(1024, 6), N, keep);
    long oneRequest = perInstance(() -> oneRequestRegistry(N), 1, keep) / N;

    System.out.printf("footprint per endpoint (2 status codes, window filled): %d bytes%n", perEndpoint);
    System.out.printf("  HdrHistogram Recorder (1us..1h, 2 digits): %d bytes%n", recorder);
    System.out.printf("  Histogram (the drained copy the window keeps for reuse): %d bytes%n", histogram);
    System.out.printf("  PackedHistogram slot, empty: %d bytes%n", packedEmpty);
    System.out.printf("  BucketHistogram (one per status code): %d bytes%n", buckets);
    System.out.printf("  LatencyReservoir (1,024 canary samples, vigil.signals.samples): %d bytes%n", samples);
    System.out.printf("footprint per endpoint of a single request (a scanner's path), ticked: %d bytes%n", oneRequest);
    assertThat(keep).isNotEmpty();
    assertThat(perEndpoint).isBetween(1_000L, 256 * 1024L);
  }

  /** N endpoints, each as a busy one: 2,000 requests over two status codes and a 1 ms..2 s spread, scraped, ticked. */
  private static EndpointRegistry busyRegistry(int n) {
    EndpointRegistry registry = new EndpointRegistry(n + 1, new ApdexThresholds(500, Map.of()), 60_000 * MS);
    for (int e = 0; e < n; e++) {
      EndpointStats stats = registry.get("GET", "/route" + e + "/{id}");
      for (int i = 0; i < 2_000; i++) {
        stats.complete((1 + (i * 7919L) % 2_000) * MS, i % 10 == 0 ? 404 : 200, null);
      }
      EndpointSummary.of(stats, System.nanoTime()); // a scrape: drains the recorder, allocates its reused copy
    }
    for (int t = 0; t < 6; t++) {
      registry.tick();
    }
    return registry;
  }

  /** N endpoints of one request each, through two ticks: what each place of a route made from a path costs at worst. */
  private static EndpointRegistry oneRequestRegistry(int n) {
    EndpointRegistry registry = new EndpointRegistry(n + 1, new ApdexThresholds(500, Map.of()), 60_000 * MS);
    for (int e = 0; e < n; e++) {
      registry.getDerived("GET", "/junk" + e).complete(3 * MS, 200, null);
    }
    registry.tick();
    registry.tick();
    return registry;
  }

  /** Heap bytes each of {@code count} results of {@code make} keeps reachable. */
  private static long perInstance(Supplier<Object> make, int count, List<Object> keep) {
    long before = usedAfterGc();
    List<Object> instances = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      instances.add(make.get());
    }
    long after = usedAfterGc();
    keep.add(instances);
    return (after - before) / count;
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
