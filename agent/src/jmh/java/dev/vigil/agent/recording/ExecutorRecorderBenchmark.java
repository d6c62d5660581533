package dev.vigil.agent.recording;

import dev.vigil.agent.tracing.OtelContextCarrier;
import dev.vigil.bootstrap.Bridge;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the executor instrumentation adds per task, in one thread: the submit side (pool lookup, context capture, the
 * wrapper, the due time) and the run side (clock, attach/restore, two histogram records), without and with a current
 * OpenTelemetry context. {@code plainRun} is the task alone, {@code clockRead} one System.nanoTime.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(org.openjdk.jmh.annotations.Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ExecutorRecorderBenchmark {
  private static final ContextKey<String> KEY = ContextKey.named("bench");
  private ExecutorRecorder recorder;
  private ThreadPoolExecutor pool;
  private Scope scope;
  private long counter;
  private final Runnable task = () -> counter++;

  @Setup(Level.Trial)
  public void setUp() {
    Bridge.install(new OtelContextCarrier());
    recorder = new ExecutorRecorder(64);
    pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    recorder.created(pool);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdown();
  }

  @Benchmark
  public long plainRun() {
    task.run();
    return counter;
  }

  /** One clock read: the wrapper reads the clock three times (submit, start, end). */
  @Benchmark
  public long clockRead() {
    return System.nanoTime();
  }

  @Benchmark
  public long wrapAndRunNoContext() {
    ((Runnable) recorder.wrap(pool, task, 0L)).run();
    return counter;
  }

  @Benchmark
  public long wrapAndRunWithContext() {
    try (Scope s = Context.root().with(KEY, "v").makeCurrent()) {
      ((Runnable) recorder.wrap(pool, task, 0L)).run();
    }
    return counter;
  }

  @Benchmark
  public long makeCurrentOnly() {
    try (Scope s = Context.root().with(KEY, "v").makeCurrent()) {
      task.run();
    }
    return counter;
  }
}
