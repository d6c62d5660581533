package dev.vigil.agent.otelapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.tracing.TestTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the bridge hands over about the application's spans reaches the OTLP encoding: times, links, scope, state. */
class OtelApiSpansTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String LINKED_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String LINKED_SPAN = "b7ad6b7169203331";
  private static final long START = 1_700_000_000_123_456_789L;
  private static final long END = START + 5_000_000;

  private final OtelApiBridge bridge = new OtelApiBridge();

  @Test
  void explicitTimesLinksAndTheTracerScopeAreExported() throws Exception {
    try (TestTracing tracing = TestTracing.install()) {
      Object scope = bridge.tracerScope("com.example.orders", "2.1");
      assertThat(bridge.tracerScope("com.example.orders", "2.1")).isSameAs(scope);
      Object span = bridge.startSpan(Context.root(), "batch", 0, START, scope);
      bridge.addLink(span, LINKED_TRACE, LINKED_SPAN, true, true, "vendor=a1", new Object[] {"link.kind", "cause"});
      bridge.addLink(span, "00000000000000000000000000000000", LINKED_SPAN, true, false, "", null); // invalid: none
      for (int i = 0; i < 130; i++) {
        bridge.addLink(span, LINKED_TRACE, String.format("%016x", i + 1), false, false, "", null);
      }
      bridge.end(span, END);
      Object vigilOwn = bridge.startSpan(Context.root(), "vigil-scoped", 0, 0, null);
      bridge.end(vigilOwn, 0);

      io.opentelemetry.proto.trace.v1.Span s = tracing.await(2).stream().filter(x -> x.getName().equals("batch"))
          .findFirst().orElseThrow();
      assertThat(s.getStartTimeUnixNano()).isEqualTo(START);
      assertThat(s.getEndTimeUnixNano()).isEqualTo(END);
      assertThat(s.getLinksCount()).as("the span limit (OTEL_SPAN_LINK_COUNT_LIMIT)").isEqualTo(128);
      assertThat(s.getDroppedLinksCount()).isEqualTo(3);
      io.opentelemetry.proto.trace.v1.Span.Link first = s.getLinks(0);
      assertThat(hex(first.getTraceId().toByteArray())).isEqualTo(LINKED_TRACE);
      assertThat(hex(first.getSpanId().toByteArray())).isEqualTo(LINKED_SPAN);
      assertThat(first.getTraceState()).isEqualTo("vendor=a1");
      assertThat(first.getFlags()).as("sampled, remote").isEqualTo(0x301);
      assertThat(first.getAttributes(0).getKey()).isEqualTo("link.kind");
      assertThat(first.getAttributes(0).getValue().getStringValue()).isEqualTo("cause");

      List<ScopeSpans> scopes = tracing.requests.stream().map(OtelApiSpansTest::parse)
          .flatMap(r -> r.getResourceSpans(0).getScopeSpansList().stream()).collect(Collectors.toList());
      assertThat(scopes).anySatisfy(sc -> {
        assertThat(sc.getScope().getName()).isEqualTo("com.example.orders");
        assertThat(sc.getScope().getVersion()).isEqualTo("2.1");
        assertThat(sc.getSpansList()).extracting(x -> x.getName()).containsExactly("batch");
      });
      assertThat(scopes).anySatisfy(sc -> {
        assertThat(sc.getScope().getName()).isEqualTo("dev.vigil");
        assertThat(sc.getSpansList()).extracting(x -> x.getName()).containsExactly("vigil-scoped");
      });
    }
  }

  @Test
  void theTraceStateTravelsBothWays() throws Exception {
    try (TestTracing tracing = TestTracing.install()) {
      Object parent = bridge.withSpanContext(Context.root(), TRACE, LINKED_SPAN, true, true, "congo=t61rcWkgMzE,rojo=1");
      SpanContext remote = Span.fromContext((Context) parent).getSpanContext();
      assertThat(remote.getTraceState().get("congo")).isEqualTo("t61rcWkgMzE");
      Object child = bridge.startSpan(parent, "child", 0, 0, null);
      assertThat(bridge.ids(child)[4]).as("what the application reads back").isEqualTo("congo=t61rcWkgMzE,rojo=1");
      bridge.end(child, 0);
      assertThat(tracing.await(1).get(0).getTraceState()).isEqualTo("congo=t61rcWkgMzE,rojo=1");
    }
  }

  private static ExportTraceServiceRequest parse(byte[] request) {
    try {
      return ExportTraceServiceRequest.parseFrom(request);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x", b));
    }
    return s.toString();
  }
}
