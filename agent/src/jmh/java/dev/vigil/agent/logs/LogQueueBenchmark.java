package dev.vigil.agent.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an exported log record costs the logging thread in the hand-off (the record's allocation included), and what
 * the export thread pays to take it back: a short message, and a 64 KiB one cut to the default 16 KiB first.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class LogQueueBenchmark {
  private final LogQueue queue = new LogQueue(2048, 1000);
  private final String big = "x".repeat(64 << 10);
  private final List<LogEntry> drained = new ArrayList<>();

  @Benchmark
  public int offerAndDrainShort() {
    queue.offer(new LogEntry(1L, "INFO", "app", "order 42 shipped", null, null, "main"));
    return drain();
  }

  @Benchmark
  public int offerAndDrainCut() {
    queue.offer(new LogEntry(1L, "INFO", "app", big, null, null, "main"));
    return drain();
  }

  private int drain() {
    drained.clear();
    queue.drainInto(drained);
    return drained.size();
  }
}
