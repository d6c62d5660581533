package dev.vigil.agent.recording;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.LogMdc;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.HashMap;
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
 * What the agent adds to each Logback event's MDC capture (LogMdc.withTraceIds, as the advice calls it), with an MDC of
 * two application keys: outside a span (one context lookup, nothing allocated) and inside one (the ids and a new map).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class LogCorrelationBenchmark {
  private final Map<String, String> mdc = new HashMap<>(Map.of("user", "ann", "tenant", "blue"));

  @State(Scope.Thread)
  public static class InSpan {
    io.opentelemetry.context.Scope scope;

    @Setup(Level.Iteration)
    public void enter() {
      scope = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
          TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent();
    }

    @TearDown(Level.Iteration)
    public void leave() {
      scope.close();
    }
  }

  @Setup
  public void install() {
    Bridge.install(new LogRecorder(true, "trace_id", "span_id", "trace_flags", null));
  }

  @Benchmark
  public Map<String, String> outsideSpan() {
    return LogMdc.withTraceIds(mdc);
  }

  @Benchmark
  public Map<String, String> insideSpan(InSpan span) {
    return LogMdc.withTraceIds(mdc);
  }
}
