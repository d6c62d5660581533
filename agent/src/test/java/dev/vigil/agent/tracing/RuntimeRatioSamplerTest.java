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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuntimeRatioSamplerTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private final Sampler sampler = new RuntimeRatioSampler(Sampler.parentBased(Sampler.alwaysOn()));

  @AfterEach
  void resetRatio() {
    TraceSampling.setRatio(1.0);
  }

  @Test
  void keepsTheConfiguredDecisionAtRatioOne() {
    assertThat(decide(Context.root())).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
  }

  @Test
  void ratioZeroDropsNewRootTraces() {
    TraceSampling.setRatio(0.0);
    assertThat(decide(Context.root())).isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void childrenOfASampledParentStaySampledWhateverTheRatio() {
    TraceSampling.setRatio(0.0);
    SpanContext parent = SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(),
        TraceState.getDefault());
    assertThat(decide(Context.root().with(Span.wrap(parent)))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
  }

  @Test
  void aRatioChangeAppliesToTheNextTrace() {
    TraceSampling.setRatio(0.0);
    assertThat(decide(Context.root())).isEqualTo(SamplingDecision.DROP);
    TraceSampling.setRatio(1.0);
    assertThat(decide(Context.root())).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
  }

  private SamplingDecision decide(Context parent) {
    return sampler.shouldSample(parent, TRACE_ID, "GET /", SpanKind.SERVER, Attributes.empty(),
        Collections.emptyList()).getDecision();
  }
}
