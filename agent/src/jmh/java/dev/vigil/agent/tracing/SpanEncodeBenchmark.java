package dev.vigil.agent.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The export thread's work per span: a batch of 512 ended SERVER spans (the 10 HTTP attributes) encoded to an OTLP
 * request, by Vigil's encoder from the spans' fields ({@code vigil}) and, as the SDK exporter did it, a SpanData copy
 * of each then the low-allocation OTLP marshaler ({@code sdk}). Sending is left out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class SpanEncodeBenchmark {
  private static final int N = SdkBaseline.BATCH;
  private static final String[] KEYS = {"http.request.method", "http.route", "url.scheme", "url.path",
      "server.address", "client.address", "user_agent.original", "network.protocol.version"};
  private static final String[] VALUES = {"GET", "/products/{id}", "http", "/products/42", "127.0.0.1", "127.0.0.1",
      "wrk", "1.1"};
  private static final SpanShape SERVER = new SpanShape();

  static {
    for (String key : KEYS) {
      SERVER.text(key);
    }
    SERVER.number("server.port");
    SERVER.number("http.response.status_code");
  }

  private final VigilSpan[] vigilSpans = new VigilSpan[N];
  private final List<ReadableSpan> sdkSpans = new ArrayList<>(N);
  private final SpanEncoder encoder = new SpanEncoder(SpanPathBenchmark.RESOURCE);
  private SdkBaseline sdk;
  private ExportProcessor processor;

  @Setup(Level.Trial)
  public void setUp() {
    processor = SpanPathBenchmark.discardingProcessor();
    SpanFactory factory = new SpanFactory(TraceSampler.alwaysOn(), processor);
    sdk = new SdkBaseline(Sampler.alwaysOn(), SpanPathBenchmark.RESOURCE, false);
    for (int i = 0; i < N; i++) {
      VigilSpan v = factory.start(Context.root(), SpanKind.SERVER, SERVER, "GET", "/products/{id}", false);
      Span s = sdk.tracer.spanBuilder("GET /products/{id}").setSpanKind(SpanKind.SERVER).setNoParent().startSpan();
      for (int k = 0; k < KEYS.length; k++) {
        v.setText(k, VALUES[k]);
        s.setAttribute(KEYS[k], VALUES[k]);
      }
      v.setNumber(0, 8080);
      v.setNumber(1, 200);
      s.setAttribute("server.port", 8080L);
      s.setAttribute("http.response.status_code", 200L);
      v.endNanos = System.nanoTime(); // not handed to the processor: encoded below
      s.end();
      vigilSpans[i] = v;
      sdkSpans.add((ReadableSpan) s);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    processor.shutdown(1000);
    sdk.stop();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int vigil() {
    return encoder.encode(vigilSpans, N).size();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public List<ReadableSpan> sdk() throws IOException {
    sdk.export(sdkSpans, OutputStream.nullOutputStream());
    return sdkSpans;
  }
}
