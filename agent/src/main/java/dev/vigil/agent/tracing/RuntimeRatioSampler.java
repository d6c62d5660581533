package dev.vigil.agent.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * The configured sampler, thinned by the ratio set at run time over JMX ({@link TraceSampling}): a new root trace the
 * configured sampler keeps is kept only if the trace-id ratio sampler at that ratio keeps it too. Children follow their
 * parent as configured, so a trace is never cut in the middle.
 */
final class RuntimeRatioSampler implements Sampler {
  private final Sampler configured;
  private volatile Thinning thinning = new Thinning(1.0);

  RuntimeRatioSampler(Sampler configured) {
    this.configured = configured;
  }

  @Override
  public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
      Attributes attributes, List<LinkData> links) {
    SamplingResult result = configured.shouldSample(parent, traceId, name, kind, attributes, links);
    double ratio = TraceSampling.ratio();
    if (ratio >= 1.0 || result.getDecision() != SamplingDecision.RECORD_AND_SAMPLE
        || Span.fromContext(parent).getSpanContext().isValid()) {
      return result;
    }
    Thinning t = thinning;
    if (t.ratio != ratio) {
      t = new Thinning(ratio);
      thinning = t;
    }
    return t.sampler.shouldSample(parent, traceId, name, kind, attributes, links);
  }

  @Override
  public String getDescription() {
    return "RuntimeRatio{" + configured.getDescription() + "}";
  }

  private static final class Thinning {
    final double ratio;
    final Sampler sampler;

    Thinning(double ratio) {
      this.ratio = ratio;
      this.sampler = Sampler.traceIdRatioBased(ratio);
    }
  }
}
