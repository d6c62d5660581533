package dev.vigil.agent.instrumentation.reactor;

import dev.vigil.agent.tracing.OtelContextCarrier;
import dev.vigil.bootstrap.Bridge;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.reactor.v3_1.ContextPropagationOperator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;

/**
 * What the Reactor hook adds to one chain, assembled and subscribed per operation as a request handler does:
 * {@code Flux.range(0, 8).map(..).filter(..).map(..)} into a subscriber, 8 signals through 3 operators. {@code hook}:
 * none (Reactor alone), vigil ({@link ReactorContextHook}), otel (the OpenTelemetry agent's own Reactor library,
 * {@code ContextPropagationOperator}, as its agent registers it); each without and with a current context.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(org.openjdk.jmh.annotations.Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ReactorContextBenchmark {
  private static final ContextKey<String> KEY = ContextKey.named("bench");

  @Param({"none", "vigil", "otel"})
  public String hook;

  private Context context;

  @Setup
  public void setUp() {
    Bridge.install(new OtelContextCarrier());
    if (hook.equals("vigil")) {
      new ReactorContextHook().run();
    } else if (hook.equals("otel")) {
      ContextPropagationOperator.builder().build().registerOnEachOperator();
    }
    context = Context.root().with(KEY, "request");
  }

  @TearDown
  public void tearDown() {
    Hooks.resetOnEachOperator();
    Hooks.resetOnLastOperator();
  }

  @Benchmark
  public void chainNoContext(Blackhole bh) {
    run(bh);
  }

  @Benchmark
  public void chainWithContext(Blackhole bh) {
    try (Scope s = context.makeCurrent()) {
      run(bh);
    }
  }

  private static void run(Blackhole bh) {
    Flux.range(0, 8).map(i -> i + 1).filter(i -> (i & 1) == 0).map(i -> i * 2).subscribe(new BaseSubscriber<>() {
      @Override
      protected void hookOnNext(Integer value) {
        bh.consume(value);
      }
    });
  }
}
