package dev.vigil.agent.recording;

import dev.vigil.agent.signals.CacheRequests;
import dev.vigil.agent.signals.DbOperationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * What the agent adds to every Redis command (tracing off: the OpenTelemetry no-op tracer): a GET through the recorder
 * (name by identity, call object, no-op span, clock, histogram, hit counter), an MGET of three keys, and a pipelined GET
 * (weak-map put at send, remove at reply).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class RedisRecorderBenchmark {
  private static final byte[] GET = "GET".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MGET = "MGET".getBytes(StandardCharsets.US_ASCII);
  private final RedisClientRecorder recorder =
      new RedisClientRecorder(new DbOperationRegistry(500), new CacheRequests(), false);
  private final Object connection = new Object();
  private final byte[] value = {1, 2, 3};
  private final List<Object> values = Arrays.asList(value, null, value);

  @Benchmark
  public void get() {
    recorder.start(connection, GET, null).end(value, null);
  }

  @Benchmark
  public void mget3() {
    recorder.start(connection, MGET, null).end(values, null);
  }

  @Benchmark
  public void pipelinedGet() {
    Object response = new Object();
    recorder.queued(response, GET, null);
    recorder.replied(response, value);
  }
}
