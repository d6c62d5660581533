package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.otlp.OtlpChannel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.resources.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Vigil's tracing installed for a test: spans go through the real export processor and encoder to a channel that
 * decodes each request with the reference OTLP protobufs. Close it to uninstall.
 */
public final class TestTracing implements AutoCloseable {
  public final List<byte[]> requests = new CopyOnWriteArrayList<>();
  public final List<Span> spans = new CopyOnWriteArrayList<>();
  public final SpanExportStats stats = new SpanExportStats();
  private final ExportProcessor processor;

  private TestTracing(String sampler, ContextPropagators propagators, Resource resource) {
    ExportSettings settings = ExportSettings.of(VigilConfig.of(Map.of(), Map.of("OTEL_BSP_SCHEDULE_DELAY", "10")));
    processor = new ExportProcessor(() -> new Capture(), new SpanEncoder(resource), stats, settings);
    Tracing.install(new SpanFactory(SamplerConfig.parse(sampler, null), processor), propagators);
  }

  /** Every span sampled ({@code always_on}), W3C trace context. */
  public static TestTracing install() {
    return install("always_on", PropagatorConfig.parse(null));
  }

  public static TestTracing install(String sampler, io.opentelemetry.context.propagation.TextMapPropagator p) {
    return new TestTracing(sampler, ContextPropagators.create(p),
        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "test")));
  }

  static TestTracing install(Resource resource) {
    return new TestTracing("always_on", ContextPropagators.noop(), resource);
  }

  /** The first {@code n} spans exported, waiting up to 10 s for them. */
  public List<Span> await(int n) throws InterruptedException {
    for (int i = 0; i < 1000 && spans.size() < n; i++) {
      Thread.sleep(10);
    }
    assertThat(spans).as("spans exported").hasSizeGreaterThanOrEqualTo(n);
    return spans;
  }

  @Override
  public void close() {
    processor.shutdown(1000);
    Tracing.install(null, null);
  }

  private final class Capture implements OtlpChannel {
    @Override
    public Outcome send(MessageWriter request) {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        request.writeMessage(bytes);
        assertThat(bytes.size()).as("content length").isEqualTo(request.getContentLength());
        ExportTraceServiceRequest decoded = ExportTraceServiceRequest.parseFrom(bytes.toByteArray());
        requests.add(bytes.toByteArray());
        for (ResourceSpans r : decoded.getResourceSpansList()) {
          for (ScopeSpans s : r.getScopeSpansList()) {
            spans.addAll(s.getSpansList());
          }
        }
        return Outcome.SENT;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void shutdown(long timeoutMillis) {}
  }
}
