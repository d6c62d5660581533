package dev.vigil.agent.recording;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.ServerCall;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to every inbound request: {@code start} (clock, thread-local call, endpoint lookup, in-flight)
 * and {@code end} (clock, counters, bucket histogram, sliding window). Target: 0 B/op once warm.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class HttpServerRecorderBenchmark {
  private final EndpointRegistry registry =
      new EndpointRegistry(500, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
  private final HttpServerRecorder recorder = new HttpServerRecorder(registry);
  private String route;

  private String template;
  private String scannerPath;

  @Setup
  public void setUp() {
    route = new StringBuilder("/products/").append("{id}").toString();
    recorder.start("GET", route).end(200, null); // the endpoint exists, as after the first request
    template = new StringBuilder("/owners/").append("{ownerId}").toString();
    recorder.start("GET", template, true, null).end(200, null);
    scannerPath = new StringBuilder("/wp-login").append(".php").toString();
    recorder.start("GET", scannerPath, false, null).end(404, null); // _unmatched exists
  }

  /** A framework's template (Spring, a servlet's exact mapping, a JDK context path). */
  @Benchmark
  public void startEndTemplate() {
    ServerCall call = recorder.start("GET", template, true, null);
    call.end(200, null);
  }

  /** A servlet's request: the outermost filter or servlet lets go of the thread, then ends the request. */
  @Benchmark
  public void startEndServlet() {
    ServerCall call = recorder.start("GET", template, true, null);
    call.leaveThread();
    call.end(200, null);
  }

  /**
   * The same inside a container's outermost entry (Tomcat's CoyoteAdapter, Jetty's HttpChannel or Server, Undertow's
   * root handler), whose advice keeps the request's context current until it returns.
   */
  @Benchmark
  public void startEndServletInContainer() {
    CallDepth.enter(CallDepth.SERVER_CONTAINER);
    ServerCall call = recorder.start("GET", template, true, null);
    call.leaveThread();
    call.end(200, null);
    if (CallDepth.exit(CallDepth.SERVER_CONTAINER) == 0) {
      recorder.containerDone();
    }
  }

  /** A scanner's path answered 404: counted under _unmatched, no look-up of its own route creates anything. */
  @Benchmark
  public void startEndUnmatched() {
    ServerCall call = recorder.start("GET", scannerPath, false, null);
    call.end(404, null);
  }

  @Benchmark
  public void startEnd() {
    ServerCall call = recorder.start("GET", route);
    call.end(200, null);
  }

  /** The same with 2 threads on one endpoint: the LongAdders and the Recorder's phaser under contention. */
  @Benchmark
  @Threads(2)
  public void startEndTwoThreads() {
    ServerCall call = recorder.start("GET", route);
    call.end(200, null);
  }
}
