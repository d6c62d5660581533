package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the encoder writes decodes with the reference OTLP protobufs to exactly what was recorded, field by field, and
 * is the canonical encoding (re-serializing the decoded request gives the same bytes).
 */
class SpanEncoderTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT = "00f067aa0ba902b7";
  private static final SpanShape SHAPE = new SpanShape();
  private static final int METHOD = SHAPE.text("http.request.method");
  private static final int ROUTE = SHAPE.text("http.route");
  private static final int UNSET = SHAPE.text("url.path");
  private static final int PORT = SHAPE.number("server.port");
  private static final int STATUS = SHAPE.number("http.response.status_code");

  private static final Resource RESOURCE = Resource.create(Attributes.builder().put("service.name", "orders")
      .put("process.pid", 4242L).put("ratio", 0.5).put("on", true).put("tags", "a", "b").build(),
      "https://opentelemetry.io/schemas/1.24.0");

  @Test
  void aServerSpanWithARemoteParentDecodesFieldByField() throws Exception {
    try (TestTracing tracing = TestTracing.install(RESOURCE)) {
      SpanContext remote = SpanContext.createFromRemoteParent(TRACE, PARENT, TraceFlags.getSampled(),
          TraceState.builder().put("vendor", "x1").put("other", "y").build());
      Context parent = Context.root().with(io.opentelemetry.api.trace.Span.wrap(remote));
      long before = epochNanos();
      VigilSpan span = Tracing.start(parent, SpanKind.SERVER, SHAPE, "GET", "/orders/{id}");
      span.setText(METHOD, "GET");
      span.setText(ROUTE, "/orders/{id}");
      span.setText(UNSET, "");
      span.setNumber(PORT, 8080);
      span.setNumber(STATUS, -1);
      span.setAttribute(AttributeKey.stringKey("http.route"), "/orders/{orderId}"); // the API reaches the slot
      span.setAttribute("app.flag", true);
      span.setAttribute("app.count", 42L);
      span.setAttribute("app.share", 0.25);
      span.setAttribute(AttributeKey.stringArrayKey("app.list"), Arrays.asList("x", "y"));
      span.setAttribute(AttributeKey.longArrayKey("app.numbers"), Arrays.asList(1L, -2L));
      span.setAttribute("app.count", 43L); // replaces
      span.addEvent("cache.miss", Attributes.of(AttributeKey.stringKey("cache"), "products"), 1234,
          TimeUnit.MILLISECONDS);
      span.recordException(new IllegalStateException("boom"));
      span.setStatus(StatusCode.ERROR, "it failed");
      span.end();
      long after = epochNanos();
      span.setText(METHOD, "POST"); // after the end: ignored
      span.end(); // ended once

      Span s = tracing.await(1).get(0);
      assertThat(hex(s.getTraceId())).isEqualTo(TRACE);
      assertThat(hex(s.getParentSpanId())).isEqualTo(PARENT);
      assertThat(hex(s.getSpanId())).isEqualTo(span.getSpanId()).hasSize(16).isNotEqualTo("0".repeat(16));
      assertThat(s.getTraceState()).isEqualTo("other=y,vendor=x1");
      assertThat(s.getName()).isEqualTo("GET /orders/{id}");
      assertThat(s.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
      // span times come from a clock anchored once to the wall clock and advanced by nanoTime: they drift from
      // Instant.now() by microseconds, so the bounds allow a millisecond
      long drift = TimeUnit.MILLISECONDS.toNanos(1);
      assertThat(s.getStartTimeUnixNano()).isBetween(before - drift, after + drift);
      assertThat(s.getEndTimeUnixNano()).isBetween(s.getStartTimeUnixNano(), after + drift);
      assertThat(s.getFlags()).as("sampled, parent known to be remote").isEqualTo(0x301);
      assertThat(attributes(s.getAttributesList())).containsExactly(
          entry("http.request.method", "GET"), entry("http.route", "/orders/{orderId}"),
          entry("server.port", 8080L), entry("http.response.status_code", -1L), entry("app.flag", true),
          entry("app.count", 43L), entry("app.share", 0.25), entry("app.list", List.of("x", "y")),
          entry("app.numbers", List.of(1L, -2L)));
      assertThat(s.getEventsCount()).isEqualTo(2);
      assertThat(s.getEvents(0).getName()).isEqualTo("cache.miss");
      assertThat(s.getEvents(0).getTimeUnixNano()).isEqualTo(1_234_000_000L);
      assertThat(attributes(s.getEvents(0).getAttributesList())).containsExactly(entry("cache", "products"));
      assertThat(s.getEvents(1).getName()).isEqualTo("exception");
      assertThat(s.getEvents(1).getTimeUnixNano()).isBetween(s.getStartTimeUnixNano(), s.getEndTimeUnixNano());
      Map<String, Object> exception = attributes(s.getEvents(1).getAttributesList());
      assertThat(exception).containsEntry("exception.type", "java.lang.IllegalStateException")
          .containsEntry("exception.message", "boom");
      assertThat((String) exception.get("exception.stacktrace"))
          .startsWith("java.lang.IllegalStateException: boom").contains("at dev.vigil.agent.tracing.SpanEncoderTest");
      assertThat(s.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
      assertThat(s.getStatus().getMessage()).isEqualTo("it failed");
      assertThat(s.getDroppedAttributesCount()).isZero();
      assertThat(s.getLinksCount()).isZero();

      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(tracing.requests.get(0));
      ResourceSpans rs = request.getResourceSpans(0);
      assertThat(attributes(rs.getResource().getAttributesList())).containsOnly(entry("service.name", "orders"),
          entry("process.pid", 4242L), entry("ratio", 0.5), entry("on", true), entry("tags", List.of("a", "b")));
      assertThat(rs.getSchemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.24.0");
      assertThat(rs.getScopeSpans(0).getScope().getName()).isEqualTo("dev.vigil");
      assertThat(request.toByteArray()).as("canonical encoding").isEqualTo(tracing.requests.get(0));
    }
  }

  @Test
  void childrenRootsAndLongOrOddStrings() throws Exception {
    try (TestTracing tracing = TestTracing.install(Resource.empty())) {
      VigilSpan root = Tracing.start(Context.root(), SpanKind.SERVER, SHAPE, "root", null);
      String odd = "é€😀" + '\uD800' + "x" + "😀".charAt(0);
      String huge = "q".repeat(SpanEncoder.MAX_ATTRIBUTE_LENGTH - 1) + "😀" + "tail";
      VigilSpan child = Tracing.startLeaf(Context.root().with(root), SpanKind.CLIENT, SHAPE, "SELECT", odd);
      child.setText(METHOD, odd);
      child.setText(ROUTE, huge);
      for (int i = 0; i < VigilSpan.MAX_EXTRA_ATTRIBUTES + 3; i++) {
        child.setAttribute("extra." + i, "v".repeat(200));
      }
      child.setStatus(StatusCode.OK);
      child.setStatus(StatusCode.ERROR, "ignored: OK is final");
      child.end();
      root.updateName("renamed");
      root.end();

      List<Span> spans = tracing.await(2);
      Span c = spans.get(0);
      Span r = spans.get(1);
      assertThat(r.getName()).isEqualTo("renamed");
      assertThat(r.getParentSpanId()).isEmpty();
      assertThat(r.getFlags()).as("sampled, a root: its parent is not remote").isEqualTo(0x101);
      assertThat(r.getTraceState()).isEmpty();
      assertThat(r.getStatus()).isEqualTo(Status.getDefaultInstance());
      assertThat(c.getTraceId()).isEqualTo(r.getTraceId());
      assertThat(c.getParentSpanId()).isEqualTo(r.getSpanId());
      assertThat(c.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
      assertThat(c.getName()).isEqualTo(new String(("SELECT " + odd).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          java.nio.charset.StandardCharsets.UTF_8)).as("as String.getBytes encodes it");
      Map<String, Object> attributes = attributes(c.getAttributesList());
      assertThat(attributes.get("http.route")).as("cut at the attribute length limit")
          .isEqualTo(huge.substring(0, SpanEncoder.MAX_ATTRIBUTE_LENGTH - 1) + "?");
      assertThat(attributes).hasSize(2 + VigilSpan.MAX_EXTRA_ATTRIBUTES);
      assertThat(c.getDroppedAttributesCount()).isEqualTo(3);
      assertThat(c.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_OK);
      assertThat(c.getStatus().getMessage()).isEmpty();
      assertThat(c.getStartTimeUnixNano()).isGreaterThanOrEqualTo(r.getStartTimeUnixNano());
      assertThat(c.getEndTimeUnixNano()).isLessThanOrEqualTo(r.getEndTimeUnixNano());
      byte[] bytes = tracing.requests.get(tracing.requests.size() - 1);
      assertThat(ExportTraceServiceRequest.parseFrom(bytes).toByteArray()).isEqualTo(bytes);
    }
  }

  @Test
  void unsampledSpansCarryTheirIdsAndRecordNothing() throws Exception {
    try (TestTracing tracing = TestTracing.install("always_off", PropagatorConfig.parse(null))) {
      VigilSpan span = Tracing.start(Context.root(), SpanKind.SERVER, SHAPE, "GET", "/");
      assertThat(span.isRecording()).isFalse();
      assertThat(span.getSpanContext().isValid()).isTrue();
      assertThat(span.getSpanContext().isSampled()).isFalse();
      assertThat(span.getSpanContext().getTraceId()).matches("[0-9a-f]{32}");
      assertThat(Tracing.startLeaf(Context.root().with(span), SpanKind.CLIENT, SHAPE, "SELECT", null))
          .as("a leaf that is not sampled is not made").isNull();
      span.setText(METHOD, "GET");
      span.end();
      assertThat(tracing.stats.endedCount()).isZero();
    }
  }

  private static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static String hex(ByteString bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes.toByteArray()) {
      s.append(String.format("%02x", b));
    }
    return s.toString();
  }

  private static Map.Entry<String, Object> entry(String key, Object value) {
    return Map.entry(key, value);
  }

  static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      assertThat(out).as("keys are unique").doesNotContainKey(kv.getKey());
      out.put(kv.getKey(), value(kv.getValue()));
    }
    return out;
  }

  private static Object value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE: return v.getStringValue();
      case BOOL_VALUE: return v.getBoolValue();
      case INT_VALUE: return v.getIntValue();
      case DOUBLE_VALUE: return v.getDoubleValue();
      case ARRAY_VALUE: return v.getArrayValue().getValuesList().stream().map(SpanEncoderTest::value)
          .collect(java.util.stream.Collectors.toList());
      default: throw new AssertionError("unexpected value " + v);
    }
  }
}
