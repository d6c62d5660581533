package dev.vigil.agent.recording;

import dev.vigil.agent.signals.MessagingRegistry;
import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * PRODUCER, CONSUMER and (for polling) CLIENT spans of messages, with the OpenTelemetry messaging attributes: named
 * {@code <operation> <destination>}, where every temporary queue is one {@code (temporary)} destination.
 */
final class MessagingSpans {
  static final SpanShape SHAPE = new SpanShape();
  static final int SYSTEM = SHAPE.text("messaging.system");
  static final int OPERATION_NAME = SHAPE.text("messaging.operation.name");
  static final int OPERATION_TYPE = SHAPE.text("messaging.operation.type");
  static final int DESTINATION = SHAPE.text("messaging.destination.name");
  static final int ROUTING_KEY = SHAPE.text("messaging.rabbitmq.destination.routing_key");
  static final int CONSUMER_GROUP = SHAPE.text("messaging.consumer.group.name");
  static final int ERROR_TYPE = SHAPE.text("error.type");

  private MessagingSpans() {}

  /** A span child of {@code parent}, or null while traces are off; attributes only when it records. */
  static VigilSpan start(Context parent, SpanKind kind, String operation, String system, String destination,
      String exchange, String routingKey) {
    VigilSpan span = Tracing.start(parent, kind, SHAPE, operation, destination);
    if (span != null && span.isRecording()) {
      span.setText(SYSTEM, system);
      span.setText(OPERATION_NAME, operation);
      span.setText(OPERATION_TYPE, operationType(kind));
      span.setText(DESTINATION, destination);
      if (exchange != null && !exchange.isEmpty() && routingKey != null && !routingKey.isEmpty()
          && !MessagingRegistry.isTemporary(routingKey)) {
        span.setText(ROUTING_KEY, routingKey);
      }
    }
    return span;
  }

  /** The consumer group of a processing span (Kafka's), when there is one. */
  static void consumerGroup(VigilSpan span, String group) {
    if (span != null && group != null && span.isRecording()) {
      span.setText(CONSUMER_GROUP, group);
    }
  }

  private static String operationType(SpanKind kind) {
    return kind == SpanKind.PRODUCER ? "send" : kind == SpanKind.CLIENT ? "receive" : "process";
  }

  static void end(VigilSpan span, String errorType, Throwable error) {
    if (errorType != null && span.isRecording()) {
      span.setText(ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR);
      span.recordException(error);
    }
    span.end();
  }
}
