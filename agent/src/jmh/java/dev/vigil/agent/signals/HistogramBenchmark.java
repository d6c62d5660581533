package dev.vigil.agent.signals;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One latency record into each of the two per-request histograms, uncontended. Target: <= 20 ns, 0 B/op. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class HistogramBenchmark {
  private static final int MASK = 1023;

  private final BucketHistogram buckets = new BucketHistogram();
  private final SlidingWindow window = new SlidingWindow(6, 4, System.nanoTime());
  private final long[] latencies = new long[MASK + 1];
  private int i;

  @Setup
  public void setUp() {
    // Log-normal around 2 ms, as request latencies are: the bucket search and the Hdr index vary per call.
    Random r = new Random(42);
    for (int k = 0; k < latencies.length; k++) {
      latencies[k] = (long) (2_000_000 * Math.exp(r.nextGaussian()));
    }
  }

  @Benchmark
  public void bucketHistogramRecord() {
    buckets.record(latencies[i++ & MASK]);
  }

  @Benchmark
  public void slidingWindowRecord() {
    window.record(latencies[i++ & MASK]);
  }
}
