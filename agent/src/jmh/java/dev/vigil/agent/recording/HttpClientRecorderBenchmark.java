package dev.vigil.agent.recording;

import dev.vigil.agent.signals.HttpClientRegistry;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.bootstrap.ClientCall;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
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
 * default without an OTLP endpoint). {@code traces=true}: the OpenTelemetry SDK, always sampled, W3C trace context and
 * baggage injected, a no-op exporter behind a simple processor (export cost left out). {@code keyed}: as
 * HttpURLConnection and OkHttp use it, remembered against the connection and looked up once more.
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
  private SdkTracerProvider provider;
  private String url;
  private final Object connection = new Object();

  @Setup(Level.Trial)
  public void setUp() {
    url = new StringBuilder("http://inventory.internal:8080/items/").append(42).append("?token=abc").toString();
    if (traces) {
      provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()))
          .build();
      ContextPropagators propagators = ContextPropagators.create(TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
      Tracing.install(new OpenTelemetry() {
        @Override
        public TracerProvider getTracerProvider() {
          return provider;
        }

        @Override
        public ContextPropagators getPropagators() {
          return propagators;
        }
      });
    }
    recorder.start("GET", url, null).end(200, null); // the series exists, as after the first request
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Tracing.install(null);
    if (provider != null) {
      provider.close();
    }
  }

  @Benchmark
  public ClientCall startEnd() {
    ClientCall call = recorder.start("GET", url, null);
    call.end(200, null);
    return call;
  }

  @Benchmark
  public ClientCall startEndKeyed() {
    ClientCall call = recorder.start("GET", url, connection);
    recorder.started(connection).end(200, null);
    return call;
  }
}
