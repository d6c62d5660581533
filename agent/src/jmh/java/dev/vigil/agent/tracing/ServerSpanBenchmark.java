package dev.vigil.agent.tracing;

import dev.vigil.agent.recording.HttpServerRecorder;
import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.bootstrap.ServerCall;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per traced request: the metrics path plus a SERVER span with 100% sampling (parent extracted from a
 * traceparent header, attributes read from the request, span made current, ended, queued to the export thread that
 * encodes it and sends nothing). Compare with HttpServerRecorderBenchmark.startEnd (the metrics path alone).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ServerSpanBenchmark {
  private final EndpointRegistry registry =
      new EndpointRegistry(500, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
  private final HttpServerRecorder recorder = new HttpServerRecorder(registry);
  private final StubExchange withParent = new StubExchange("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  private final StubExchange newTrace = new StubExchange(null);
  private ExportProcessor processor;

  @Setup(Level.Trial)
  public void setUp() {
    processor = SpanPathBenchmark.discardingProcessor();
    Tracing.install(new SpanFactory(TraceSampler.alwaysOn(), processor),
        ContextPropagators.create(new BoundedPropagator(PropagatorConfig.parse(null))));
    recorder.start("GET", "/products/{id}", withParent).end(200, null);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    processor.shutdown(1000);
    Tracing.install(null, null);
  }

  @Benchmark
  public void tracedWithParent() {
    ServerCall call = recorder.start("GET", "/products/{id}", withParent);
    call.end(200, null);
  }

  @Benchmark
  public void tracedNewTrace() {
    ServerCall call = recorder.start("GET", "/products/{id}", newTrace);
    call.end(200, null);
  }
}
