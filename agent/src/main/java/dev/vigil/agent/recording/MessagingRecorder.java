package dev.vigil.agent.recording;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.MessagingMetrics;
import dev.vigil.agent.signals.MessagingRegistry;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.MessagingCall;
import dev.vigil.bootstrap.MessagingHandler;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;

/**
 * Records messages of every messaging library: a publish is a PRODUCER span (child of the current context) whose
 * context the configured propagators write into a copy of the message's headers, and
 * {@code messaging.client.operation.duration}; processing a delivery is a CONSUMER span whose parent is the context the
 * message carried, current on the consumer's thread while it runs, and {@code messaging.process.duration}; polling for
 * a message is a CLIENT span (child of the current context) and {@code messaging.client.operation.duration}.
 */
public final class MessagingRecorder implements MessagingHandler {
  static final String PUBLISH = "publish";
  static final String RECEIVE = "receive";

  private final MessagingRegistry registry;

  public MessagingRecorder(MessagingRegistry registry) {
    this.registry = registry;
  }

  @Override
  public MessagingCall publish(String system, String exchange, String routingKey, Map<String, Object> headers) {
    try {
      Context parent = Context.current();
      if (Tracing.instrumentationSuppressed(parent)) {
        return null;
      }
      String destination = MessagingRegistry.destination(destinationName(exchange, routingKey));
      VigilSpan span = MessagingSpans.start(parent, SpanKind.PRODUCER, PUBLISH, system, destination, exchange,
          routingKey);
      Map<String, Object> carried = MessageHeaders.inject(Tracing.propagators().getTextMapPropagator(),
          span == null ? parent : parent.with(span), headers);
      return new Call(this, system, PUBLISH, destination, span, carried, null);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  @Override
  public MessagingCall process(String system, String exchange, String routingKey, Map<String, Object> headers) {
    try {
      Context current = Context.current();
      if (Tracing.instrumentationSuppressed(current)) {
        return null;
      }
      String destination = MessagingRegistry.destination(destinationName(exchange, routingKey));
      VigilSpan span = null;
      Scope scope = null;
      if (Tracing.enabled()) {
        TextMapPropagator propagator = Tracing.propagators().getTextMapPropagator();
        Context parent = headers == null ? current : propagator.extract(current, headers, MessageHeaders.GETTER);
        span = MessagingSpans.start(parent, SpanKind.CONSUMER, MessagingMetrics.PROCESS, system, destination, exchange,
            routingKey);
        scope = span == null ? null : parent.with(span).makeCurrent();
      }
      return new Call(this, system, MessagingMetrics.PROCESS, destination, span, null, scope);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  @Override
  public MessagingCall receive(String system, String queue) {
    try {
      Context parent = Context.current();
      if (Tracing.instrumentationSuppressed(parent)) {
        return null;
      }
      String destination = MessagingRegistry.destination(queue);
      VigilSpan span = MessagingSpans.start(parent, SpanKind.CLIENT, RECEIVE, system, destination, null, null);
      return new Call(this, system, RECEIVE, destination, span, null, null);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  /** The exchange names the destination; on the default exchange ("") the routing key names the queue. */
  static String destinationName(String exchange, String routingKey) {
    return exchange == null || exchange.isEmpty() ? routingKey : exchange;
  }

  void finish(Call call, long nanos, Throwable error) {
    String errorType = error == null ? null : error.getClass().getName();
    registry.series(call.system, call.operation, call.destination, errorType).record(nanos);
    if (call.scope != null) {
      call.scope.close();
    }
    if (call.span != null) {
      MessagingSpans.end(call.span, errorType, error);
    }
  }

  static void failed(Throwable t) {
    AgentLog.once(AgentLog.Level.WARN, "messaging-recorder:" + t.getClass().getName(),
        "recording a message failed; the message itself is unaffected", t);
  }

  /** One publish or processing, ended once on the thread that started it. */
  static final class Call extends MessagingCall {
    private final MessagingRecorder recorder;
    final String system;
    final String operation;
    final String destination;
    final VigilSpan span;
    final Scope scope;
    private final Map<String, Object> headers;
    private final long startNanos = System.nanoTime();
    private boolean ended;

    Call(MessagingRecorder recorder, String system, String operation, String destination, VigilSpan span,
        Map<String, Object> headers, Scope scope) {
      this.recorder = recorder;
      this.system = system;
      this.operation = operation;
      this.destination = destination;
      this.span = span;
      this.headers = headers;
      this.scope = scope;
    }

    @Override
    public Map<String, Object> headers() {
      return headers;
    }

    @Override
    public void end(Throwable error) {
      if (ended) {
        return;
      }
      ended = true;
      try {
        recorder.finish(this, System.nanoTime() - startNanos, error);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }
}
