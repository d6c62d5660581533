package dev.vigil.agent.recording;

import dev.vigil.agent.signals.HttpClientRegistry;
import dev.vigil.agent.tracing.BenchTracing;
import dev.vigil.bootstrap.ClientCall;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to every outbound request, whatever the library: {@code start} (URL parsing, span, header
 * injection) and {@code end} (series lookup, histogram, span end). {@code traces=false}: metrics only (no SDK, the
 * default without an OTLP endpoint). {@code traces=true}: Vigil's spans, always sampled, W3C trace context and baggage
 * injected, encoded on the export thread and not sent. {@code keyed}: as
 * HttpURLConnection and OkHttp use it, remembered against the connection and looked up once more; {@code netty}: as
 * the Netty client uses it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class HttpClientRecorderBenchmark {
  @Param({"false", "true"})
  public boolean traces;

  private final HttpClientRecorder recorder = new HttpClientRecorder(new HttpClientRegistry(100, 1000), false);
  private String url;
  private final Object connection = new Object();

  @Setup(Level.Trial)
  public void setUp() {
    url = new StringBuilder("http://inventory.internal:8080/items/").append(42).append("?token=abc").toString();
    if (traces) {
      BenchTracing.install();
    }
    recorder.start("GET", url, null).end(200, null); // the series exists, as after the first request
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    BenchTracing.uninstall();
  }

  @Benchmark
  public ClientCall startEnd() {
    ClientCall call = recorder.start("GET", url, null);
    call.end(200, null);
    return call;
  }

  /** As the Netty encoder and decoder use it: the URL from the request line and Host header, keyed by the channel. */
  @Benchmark
  public ClientCall nettyRequest() {
    ClientCall call = recorder.start("GET", false, "inventory.internal:8080", null, "/items/42?token=abc", connection);
    recorder.started(connection).end(200, null);
    return call;
  }

  /** The same, written from an application thread: its context is remembered against the channel first. */
  @Benchmark
  public ClientCall nettyRequestFromAppThread() {
    recorder.captureContext(connection);
    return nettyRequest();
  }

  @Benchmark
  public ClientCall startEndKeyed() {
    ClientCall call = recorder.start("GET", url, connection);
    recorder.started(connection).end(200, null);
    return call;
  }
}
