package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.tracing.TestTracing;
import dev.vigil.bootstrap.ServerCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event loop interleaves requests on one thread: a call started detached is current (its span, and
 * {@code current()}) only between attach and restore, so a request started later never hides an earlier one's.
 */
class DetachedCallTest {
  private final EndpointRegistry registry =
      new EndpointRegistry(500, 100, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
  private final HttpServerRecorder recorder = new HttpServerRecorder(registry);

  @Test
  void interleavedRequestsAreEachCurrentOnlyWhileAttached() throws Exception {
    try (TestTracing tracing = TestTracing.install()) {
      ServerCall first = recorder.startDetached("GET", "/a", true, new Object());
      assertThat(recorder.current()).as("not left current").isNull();
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
      ServerCall second = recorder.startDetached("GET", "/b", true, new Object());
      assertThat(second).isNotSameAs(first);

      Object token = first.attach();
      SpanContext firstSpan = Span.current().getSpanContext();
      assertThat(recorder.current()).isSameAs(first);
      Object inner = second.attach();
      assertThat(recorder.current()).isSameAs(second);
      assertThat(Span.current().getSpanContext()).isNotEqualTo(firstSpan);
      second.restore(inner);
      assertThat(recorder.current()).as("the outer again").isSameAs(first);
      assertThat(Span.current().getSpanContext()).isEqualTo(firstSpan);
      first.route("/a/{id}");
      first.restore(token);
      assertThat(recorder.current()).isNull();
      assertThat(Span.current().getSpanContext().isValid()).isFalse();

      second.end(200, null);
      first.end(499, null);
      assertThat(registry.find("GET", "/a/{id}").requests()).isEqualTo(1);
      assertThat(registry.find("GET", "/b").requests()).isEqualTo(1);
      assertThat(tracing.await(2)).hasSize(2);
    }
  }

  @Test
  void anEndedCallsObjectServesTheThreadsNextRequest() {
    ServerCall first = recorder.startDetached("GET", "/a", true, null);
    first.end(200, null);
    assertThat(recorder.startDetached("GET", "/a", true, null)).as("nothing allocated once warm").isSameAs(first);
  }
}
