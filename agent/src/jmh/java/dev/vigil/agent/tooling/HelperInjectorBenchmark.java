package dev.vigil.agent.tooling;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Headers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What Kafka's advice pays per message to reach its helper: the shared instance next to kafka-clients, once made. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class HelperInjectorBenchmark {
  private final HelperInjector helpers = new HelperInjector();

  @Benchmark
  public Object shared() {
    return helpers.shared(Headers.class, "dev.vigil.agent.instrumentation.kafka.KafkaSendTracing");
  }
}
