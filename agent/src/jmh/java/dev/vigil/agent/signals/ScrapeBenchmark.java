package dev.vigil.agent.signals;

import dev.vigil.exporter.http.HttpEndpoint;
import dev.vigil.exporter.prometheus.PrometheusEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole /metrics scrape (collect + text format 0.0.4) of {@code series} duration series: series / 2 endpoints with
 * two status codes each, every endpoint with a filled sliding window. Runs on the exporter thread, not the app's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ScrapeBenchmark {
  @Param({"1000", "10000"})
  public int series;

  private PrometheusEndpoint endpoint;
  private final Map<String, String> headers = Map.of();
  public long bytes;

  @Setup
  public void setUp() {
    int endpoints = series / 2;
    EndpointRegistry registry = new EndpointRegistry(endpoints, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
    for (int e = 0; e < endpoints; e++) {
      EndpointStats stats = registry.get(e % 2 == 0 ? "GET" : "POST", "/api/resource" + e + "/{id}");
      for (int k = 0; k < 20; k++) {
        stats.complete(1_000_000L * (k + 1), k % 10 == 0 ? 500 : 200, null);
      }
    }
    endpoint = new PrometheusEndpoint(List.of(new HttpServerMetrics(registry)));
  }

  @Benchmark
  public HttpEndpoint.Response scrape() throws Exception {
    return endpoint.handle(headers, null);
  }
}
