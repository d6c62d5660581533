package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.tracing.TestTracing;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.ServerCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Inside a container's outermost entry ({@link CallDepth#SERVER_CONTAINER}) a request's span ends on time but stays
 * current until the entry returns, for the lines the container logs after the servlet; outside one it is let go at once.
 */
class ContainerScopeTest {
  private final HttpServerRecorder recorder = new HttpServerRecorder(
      new EndpointRegistry(500, 100, new ApdexThresholds(500, Map.of()), 60_000_000_000L));

  @Test
  void theSpanStaysCurrentUntilTheContainerIsDone() throws Exception {
    try (TestTracing tracing = TestTracing.install()) {
      SpanContext inside;
      CallDepth.enter(CallDepth.SERVER_CONTAINER);
      try {
        ServerCall call = recorder.start("GET", "/boom", true, new Object());
        inside = Span.current().getSpanContext();
        assertThat(inside.isValid()).isTrue();
        call.leaveThread(); // the servlet's exit
        call.end(200, new IllegalStateException("boom"));
        assertThat(Span.current().getSpanContext()).as("current for the container's error line").isEqualTo(inside);
        io.opentelemetry.proto.trace.v1.Span ended = tracing.await(1).get(0);
        assertThat(Arrays.equals(ended.getSpanId().toByteArray(), inside.getSpanIdBytes()))
            .as("ended when the servlet returned").isTrue();
        assertThat(ended.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(ended.getAttributesList()).anyMatch(kv -> kv.getKey().equals("http.response.status_code")
            && kv.getValue().getIntValue() == 500);
      } finally {
        if (CallDepth.exit(CallDepth.SERVER_CONTAINER) == 0) {
          recorder.containerDone();
        }
      }
      assertThat(Span.current().getSpanContext().isValid()).as("let go when the container is done").isFalse();
    }
  }

  @Test
  void outsideAContainerTheServletsExitLetsGoAtOnce() throws Exception {
    try (TestTracing tracing = TestTracing.install()) {
      ServerCall call = recorder.start("GET", "/async", true, new Object());
      assertThat(Span.current().getSpanContext().isValid()).isTrue();
      call.leaveThread();
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
      call.end(202, null);
    }
  }

  @Test
  void aNewRequestOnTheThreadNeverInheritsAnEndedOnesContext() throws Exception {
    try (TestTracing tracing = TestTracing.install()) {
      CallDepth.enter(CallDepth.SERVER_CONTAINER);
      try {
        ServerCall first = recorder.start("GET", "/boom", true, new Object());
        String firstTrace = Span.current().getSpanContext().getTraceId();
        first.end(500, null);
        // no containerDone: a container entry the agent missed (retransformed while a request ran)
        recorder.start("GET", "/next", true, new Object());
        assertThat(Span.current().getSpanContext().getTraceId()).as("a trace of its own").isNotEqualTo(firstTrace);
        recorder.current().end(200, null);
      } finally {
        if (CallDepth.exit(CallDepth.SERVER_CONTAINER) == 0) {
          recorder.containerDone();
        }
      }
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
  }
}
