package dev.vigil.agent.otelapi;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.OtelApiHandler;
import dev.vigil.otelbridge.BridgeOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The application's own instruments through the API bridge, uncontended: a histogram record and a counter add with
 * an attribute set the application keeps (the usual way) and with one it builds on each call. Target for the
 * histogram record: <= 20 ns, 0 B/op, like Vigil's own histograms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class AppInstrumentBenchmark {
  private static final AttributeKey<String> TIER = AttributeKey.stringKey("app.tier");
  private static final Attributes GOLD = Attributes.of(TIER, "gold");
  private static final int MASK = 1023;

  private final DoubleHistogram histogram;
  private final LongCounter counter;
  private final double[] values = new double[MASK + 1];
  private final String[] tiers = {"gold", "silver", "bronze"};
  private int i;

  public AppInstrumentBenchmark() {
    Bridge.install((OtelApiHandler) new OtelApiBridge());
    Meter meter = BridgeOpenTelemetry.INSTANCE.getMeterProvider().get("bench");
    histogram = meter.histogramBuilder("app.order.amount").setExplicitBucketBoundariesAdvice(
        List.of(1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0)).build();
    counter = meter.counterBuilder("app.orders").build();
    for (int k = 0; k < values.length; k++) {
      values[k] = (k * 7919) % 1200;
    }
  }

  @Benchmark
  public void histogramRecordKeptAttributes() {
    histogram.record(values[i++ & MASK], GOLD);
  }

  @Benchmark
  public void histogramRecordNewAttributes() {
    int k = i++;
    histogram.record(values[k & MASK], Attributes.of(TIER, tiers[k % 3]));
  }

  @Benchmark
  public void counterAddKeptAttributes() {
    counter.add(1, GOLD);
  }
}
