package dev.vigil.agent.signals;

import java.util.Map;
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

/** Finding an existing endpoint among 100 (route map lookup, then the method slot). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class EndpointRegistryBenchmark {
  private final EndpointRegistry registry =
      new EndpointRegistry(500, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
  private final String[] routes = new String[100];
  private int i;

  @Setup
  public void setUp() {
    for (int k = 0; k < routes.length; k++) {
      // Built at run time like the routes instrumentations pass (not interned constants).
      routes[k] = new StringBuilder("/api/v1/resource").append(k).append("/{id}").toString();
      registry.get("GET", routes[k]);
    }
  }

  @Benchmark
  public EndpointStats get() {
    return registry.get("GET", routes[i++ % routes.length]);
  }
}
