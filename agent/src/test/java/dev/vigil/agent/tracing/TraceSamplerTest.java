package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast sampler decides as the OpenTelemetry SDK's sampler of the same name, and thins new roots at run time. */
class TraceSamplerTest {
  private static final String PARENT_SPAN = "00f067aa0ba902b7";

  @AfterEach
  void resetRatio() {
    TraceSampling.setRatio(1.0);
  }

  @ParameterizedTest
  @CsvSource({"always_on,", "always_off,", "traceidratio,0.25", "traceidratio,0", "traceidratio,1",
      "parentbased_always_on,", "parentbased_always_off,", "parentbased_traceidratio,0.1"})
  void decidesAsTheSdkSamplerForRootsAndEveryKindOfParent(String name, String arg) {
    TraceSampler fast = SamplerConfig.parse(name, arg);
    Sampler sdk = sdk(name, arg == null ? 1.0 : Double.parseDouble(arg));
    Random random = new Random(7);
    int sampled = 0;
    for (int i = 0; i < 20_000; i++) {
      long high = random.nextLong();
      long low = i % 100 == 0 ? Long.MIN_VALUE + i : random.nextLong();
      String traceId = SpanIds.hex(high, low);
      int parentKind = i % 3; // none, sampled, not sampled
      Context parent = parentKind == 0 ? Context.root() : Context.root().with(Span.wrap(
          SpanContext.createFromRemoteParent(traceId, PARENT_SPAN,
              parentKind == 1 ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
      boolean expected = sdk.shouldSample(parent, traceId, "GET /", SpanKind.SERVER, Attributes.empty(),
          Collections.emptyList()).getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
      boolean actual = fast.sample(parentKind != 0, parentKind == 1, low);
      assertThat(actual).as("%s %s, trace %s, parent kind %d", name, arg, traceId, parentKind).isEqualTo(expected);
      sampled += actual ? 1 : 0;
    }
    assertThat(sampled).as("the comparison saw both decisions, or the sampler keeps all or none")
        .matches(n -> n > 0 && n < 20_000 || name.contains("always") || "0".equals(arg) || "1".equals(arg));
  }

  private static Sampler sdk(String name, double ratio) {
    switch (name) {
      case "always_on": return Sampler.alwaysOn();
      case "always_off": return Sampler.alwaysOff();
      case "traceidratio": return Sampler.traceIdRatioBased(ratio);
      case "parentbased_always_on": return Sampler.parentBased(Sampler.alwaysOn());
      case "parentbased_always_off": return Sampler.parentBased(Sampler.alwaysOff());
      default: return Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
    }
  }

  @Test
  void theRunTimeRatioThinsNewRootTracesOnly() {
    TraceSampler sampler = SamplerConfig.parse(null, null);
    long low = 0x7000_0000_0000_0000L; // kept only by a ratio above 0.875
    assertThat(sampler.sample(false, false, low)).isTrue();
    TraceSampling.setRatio(0.5);
    assertThat(sampler.sample(false, false, low)).as("a new root trace").isFalse();
    assertThat(sampler.sample(false, false, 1)).as("a root trace the ratio keeps").isTrue();
    assertThat(sampler.sample(true, true, low)).as("a child of a sampled parent: never cut").isTrue();
    TraceSampling.setRatio(0.0);
    assertThat(sampler.sample(false, false, 1)).as("ratio 0: no new trace").isFalse();
    assertThat(sampler.sample(true, true, low)).isTrue();
    TraceSampling.setRatio(1.0);
    assertThat(sampler.sample(false, false, low)).as("a change applies to the next trace").isTrue();
  }
}
