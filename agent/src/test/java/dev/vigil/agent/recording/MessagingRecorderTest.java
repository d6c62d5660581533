package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.impl.LongStringHelper;
import dev.vigil.agent.signals.ConsumerLag;
import dev.vigil.agent.signals.MessagingRegistry;
import dev.vigil.agent.signals.OperationSeries;
import dev.vigil.agent.tracing.PropagatorConfig;
import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.TestTracing;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.MessagingCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessagingRecorderTest {
  private final MessagingRegistry registry = new MessagingRegistry(100);
  private final MessagingRecorder recorder = new MessagingRecorder(registry, new ConsumerLag(500));

  @Test
  void countsPerDestinationAndErrorType() {
    recorder.publish("rabbitmq", "", "orders", null).end(null);
    recorder.publish("rabbitmq", "events", "order.created", null).end(null);
    recorder.publish("rabbitmq", "", "amq.gen-abc", null).end(null);
    recorder.receive("rabbitmq", "orders").end(null);
    MessagingCall failed = recorder.process("rabbitmq", "", "orders", null);
    failed.end(new IllegalStateException());
    failed.end(null); // a second end is ignored
    assertThat(count("publish", "orders", null)).as("the default exchange: the queue named by the key").isEqualTo(1);
    assertThat(count("publish", "events", null)).as("a named exchange").isEqualTo(1);
    assertThat(count("publish", "(temporary)", null)).isEqualTo(1);
    assertThat(count("process", "orders", "java.lang.IllegalStateException")).isEqualTo(1);
    assertThat(count("receive", "orders", null)).isEqualTo(1);
    assertThat(registry.all()).hasSize(5);
  }

  @Test
  void nothingAddedWithoutTracingOrPropagators() {
    Map<String, Object> headers = Map.of("app", "x");
    MessagingCall call = recorder.publish("rabbitmq", "", "orders", headers);
    assertThat(call.headers()).as("the message goes out unchanged").isNull();
    call.end(null);
  }

  @Test
  void oneTraceFromPublishToProcessWithoutTouchingTheCallersHeaders() throws Exception {
    try (TestTracing tracing = TestTracing.install("always_on", PropagatorConfig.parse(null))) {
      Map<String, Object> callers = Map.of("app", "x"); // immutable, as applications often pass
      Map<String, Object> sent;
      MessagingCall publish = recorder.publish("rabbitmq", "", "orders", callers);
      sent = publish.headers();
      publish.end(null);
      assertThat(callers).containsOnlyKeys("app");
      assertThat(sent).containsEntry("app", "x").containsKey("traceparent");

      Map<String, Object> received = new HashMap<>();
      for (Map.Entry<String, Object> e : sent.entrySet()) { // the broker hands text back as LongString
        received.put(e.getKey(), LongStringHelper.asLongString(e.getValue().toString()));
      }
      Context before = Context.current();
      MessagingCall process = recorder.process("rabbitmq", "", "orders", received);
      String currentTrace = Span.current().getSpanContext().getTraceId();
      process.end(null);
      assertThat(Context.current()).as("the consumer's span is current only while it runs").isSameAs(before);

      List<io.opentelemetry.proto.trace.v1.Span> spans = tracing.await(2);
      io.opentelemetry.proto.trace.v1.Span producer = spans.stream()
          .filter(s -> s.getKind() == SpanKind.SPAN_KIND_PRODUCER).findFirst().orElseThrow();
      io.opentelemetry.proto.trace.v1.Span consumer = spans.stream()
          .filter(s -> s.getKind() == SpanKind.SPAN_KIND_CONSUMER).findFirst().orElseThrow();
      assertThat(producer.getName()).isEqualTo("publish orders");
      assertThat(consumer.getName()).isEqualTo("process orders");
      assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
      assertThat(consumer.getTraceId()).isEqualTo(producer.getTraceId());
      assertThat(hex(consumer.getTraceId().toByteArray())).isEqualTo(currentTrace);
      assertThat(attributes(consumer)).containsEntry("messaging.system", "rabbitmq")
          .containsEntry("messaging.operation.name", "process").containsEntry("messaging.destination.name", "orders");
    }
  }

  @Test
  void aSendEndsOnAnotherThreadAndItsCallbackRunsUnderTheSendersContext() throws Exception {
    try (TestTracing tracing = TestTracing.install("always_on", PropagatorConfig.parse(null))) {
      VigilSpan caller = Tracing.start(Context.root(), io.opentelemetry.api.trace.SpanKind.SERVER, new SpanShape(),
          "caller", null);
      MessagingCall send;
      try (Scope ignored = caller.makeCurrent()) {
        Map<String, String> headers = new HashMap<>(Map.of("tracestate", "app=own"));
        send = recorder.send("kafka", "orders", headers::get);
        assertThat(send.fields()).as("context fields, the application's own tracestate left alone")
            .contains("traceparent").doesNotContain("tracestate");
      }
      String[] callbackSpan = new String[1];
      Thread ioThread = new Thread(() -> {
        send.end(new IllegalStateException("broker said no"));
        Object token = send.attach();
        callbackSpan[0] = Span.current().getSpanContext().getSpanId();
        send.restore(token);
      });
      ioThread.start();
      ioThread.join(10_000);
      caller.end();
      assertThat(callbackSpan[0]).isEqualTo(caller.getSpanContext().getSpanId());
      assertThat(count("send", "orders", "java.lang.IllegalStateException")).isEqualTo(1);

      Map<String, String> carried = new HashMap<>();
      for (int i = 0; i + 1 < send.fields().length; i += 2) {
        carried.put(send.fields()[i], send.fields()[i + 1]);
      }
      recorder.processRecord("kafka", "orders", "billing", carried::get).end(null);
      List<io.opentelemetry.proto.trace.v1.Span> spans = tracing.await(3);
      io.opentelemetry.proto.trace.v1.Span producer = spans.stream()
          .filter(s -> s.getKind() == SpanKind.SPAN_KIND_PRODUCER).findFirst().orElseThrow();
      io.opentelemetry.proto.trace.v1.Span consumer = spans.stream()
          .filter(s -> s.getKind() == SpanKind.SPAN_KIND_CONSUMER).findFirst().orElseThrow();
      assertThat(producer.getName()).isEqualTo("send orders");
      assertThat(attributes(producer)).containsEntry("messaging.operation.name", "send")
          .containsEntry("error.type", "java.lang.IllegalStateException");
      assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
      assertThat(attributes(consumer)).containsEntry("messaging.system", "kafka")
          .containsEntry("messaging.consumer.group.name", "billing");
      assertThat(count("process", "orders", null)).isEqualTo(1);
    }
  }

  @Test
  void nothingWhileTheAgentItselfCallsOut() {
    try (Scope ignored = Tracing.suppressInstrumentation(Context.current()).makeCurrent()) {
      assertThat(recorder.publish("rabbitmq", "", "orders", null)).isNull();
      assertThat(recorder.process("rabbitmq", "", "orders", null)).isNull();
      assertThat(recorder.send("kafka", "orders", name -> null)).isNull();
      assertThat(recorder.processRecord("kafka", "orders", "g", name -> null)).isNull();
    }
    assertThat(registry.all()).isEmpty();
  }

  private long count(String operation, String destination, String errorType) {
    return registry.all().stream().filter(s -> s.operation.equals(operation) && s.target.equals(destination)
        && java.util.Objects.equals(s.errorType, errorType)).mapToLong(OperationSeries::count).sum();
  }

  private static Map<String, String> attributes(io.opentelemetry.proto.trace.v1.Span span) {
    return span.getAttributesList().stream()
        .collect(Collectors.toMap(a -> a.getKey(), a -> a.getValue().getStringValue(), (a, b) -> a));
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x", b));
    }
    return s.toString();
  }
}
