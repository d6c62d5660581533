package dev.vigil.agent.signals;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the canary samples add to a request: one offer to the latency reservoir (a plain increment, a random draw once
 * the slot is full, an int store), beside the sliding window's record it sits next to, and a whole
 * {@code EndpointStats.complete} with and without sampling. Target: a few ns, 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class LatencyReservoirBenchmark {
  /** Shared by every benchmark thread, as one endpoint is by a server's workers. */
  @State(Scope.Benchmark)
  public static class Endpoint {
    final LatencyReservoir reservoir = new LatencyReservoir(1024, 6);
    final SlidingWindow window = new SlidingWindow(6, 4, System.nanoTime());
    final EndpointStats sampled = new EndpointRegistry(10, new ApdexThresholds(500, Map.of()), 60_000_000_000L)
        .samplesPerEndpoint(1024).get("GET", "/products/{id}");
    final EndpointStats unsampled = new EndpointRegistry(10, new ApdexThresholds(500, Map.of()), 60_000_000_000L)
        .get("GET", "/products/{id}");

    /** A tick per iteration, as the ticker does every 10 s: each slot fills, then draws; no count runs far. */
    @Setup(Level.Iteration)
    public void tick() {
      reservoir.advance();
      sampled.complete(1_000_000L, 200, null);
      unsampled.complete(1_000_000L, 200, null);
      sampled.samplesOrNull().advance();
    }
  }

  /** Each thread's own latencies: log-normal around 2 ms, as request latencies are. */
  @State(Scope.Thread)
  public static class Latencies {
    private static final int MASK = 1023;
    final long[] nanos = new long[MASK + 1];
    int i;

    @Setup
    public void setUp() {
      Random r = new Random(42);
      for (int k = 0; k < nanos.length; k++) {
        nanos[k] = (long) (2_000_000 * Math.exp(r.nextGaussian()));
      }
    }

    long next() {
      return nanos[i++ & MASK];
    }
  }

  @Benchmark
  public void reservoirRecord(Endpoint e, Latencies l) {
    e.reservoir.record(l.next());
  }

  @Benchmark
  @Threads(2)
  public void reservoirRecordTwoThreads(Endpoint e, Latencies l) {
    e.reservoir.record(l.next());
  }

  /** The existing per-request record the reservoir sits beside. */
  @Benchmark
  public void slidingWindowRecord(Endpoint e, Latencies l) {
    e.window.record(l.next());
  }

  @Benchmark
  public void completeWithSamples(Endpoint e, Latencies l) {
    e.sampled.complete(l.next(), 200, null);
  }

  @Benchmark
  public void completeWithoutSamples(Endpoint e, Latencies l) {
    e.unsampled.complete(l.next(), 200, null);
  }
}
