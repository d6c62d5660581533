package dev.vigil.agent.recording;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.ConsumerLag;
import dev.vigil.agent.signals.MessagingMetrics;
import dev.vigil.agent.signals.MessagingRegistry;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.MessagingCall;
import dev.vigil.bootstrap.MessagingHandler;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

/**
 * Records messages of every messaging library: a publish is a PRODUCER span (child of the current context) whose
 * context the configured propagators write into a copy of the message's headers, and
 * {@code messaging.client.operation.duration}; processing a delivery is a CONSUMER span whose parent is the context the
 * message carried, current on the consumer's thread while it runs, and {@code messaging.process.duration}; polling for
 * a message is a CLIENT span (child of the current context) and {@code messaging.client.operation.duration}. A send
 * (Kafka's) is a publish that ends when the broker answers, on whichever thread learns it, and whose context goes out
 * as header fields the instrumentation adds; consumers' lag is kept per partition.
 */
public final class MessagingRecorder implements MessagingHandler {
  static final String PUBLISH = "publish";
  static final String RECEIVE = "receive";
  static final String SEND = "send";

  private final MessagingRegistry registry;
  private final ConsumerLag lag;

  public MessagingRecorder(MessagingRegistry registry, ConsumerLag lag) {
    this.registry = registry;
    this.lag = lag;
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
      return processing(system, destinationName(exchange, routingKey), exchange, routingKey, null, headers,
          MessageHeaders.GETTER);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  @Override
  public MessagingCall processRecord(String system, String destination, String consumerGroup,
      Function<String, String> headers) {
    try {
      return processing(system, destination, null, null, consumerGroup, headers, MessageHeaders.READER);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  private <C> MessagingCall processing(String system, String name, String exchange, String routingKey,
      String consumerGroup, C headers, TextMapGetter<C> getter) {
    Context current = Context.current();
    if (Tracing.instrumentationSuppressed(current)) {
      return null;
    }
    String destination = MessagingRegistry.destination(name);
    VigilSpan span = null;
    Scope scope = null;
    if (Tracing.enabled()) {
      TextMapPropagator propagator = Tracing.propagators().getTextMapPropagator();
      Context parent = headers == null ? current : propagator.extract(current, headers, getter);
      span = MessagingSpans.start(parent, SpanKind.CONSUMER, MessagingMetrics.PROCESS, system, destination, exchange,
          routingKey);
      MessagingSpans.consumerGroup(span, consumerGroup);
      scope = span == null ? null : parent.with(span).makeCurrent();
    }
    return new Call(this, system, MessagingMetrics.PROCESS, destination, span, null, scope);
  }

  @Override
  public MessagingCall send(String system, String destination, Function<String, String> headers) {
    try {
      Context parent = Context.current();
      if (Tracing.instrumentationSuppressed(parent)) {
        return null;
      }
      String name = MessagingRegistry.destination(destination);
      VigilSpan span = MessagingSpans.start(parent, SpanKind.PRODUCER, SEND, system, name, null, null);
      String[] fields = MessageHeaders.fields(Tracing.propagators().getTextMapPropagator(),
          span == null ? parent : parent.with(span), headers);
      return new SendCall(this, system, name, span, fields, parent);
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  @Override
  public void lag(String system, String consumerGroup, String destination, int partition, long records) {
    try {
      lag.record(system, consumerGroup, destination, partition, records);
    } catch (Throwable t) {
      failed(t);
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

  /** One publish or processing, ended once (a processing on the thread that started it). */
  static class Call extends MessagingCall {
    private static final AtomicIntegerFieldUpdater<Call> ENDED =
        AtomicIntegerFieldUpdater.newUpdater(Call.class, "ended");
    private final MessagingRecorder recorder;
    final String system;
    final String operation;
    final String destination;
    final VigilSpan span;
    final Scope scope;
    private final Map<String, Object> headers;
    private final long startNanos = System.nanoTime();
    private volatile int ended;

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
      if (!ENDED.compareAndSet(this, 0, 1)) {
        return;
      }
      try {
        recorder.finish(this, System.nanoTime() - startNanos, error);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /** A send: its header fields to add, and the sender's context for the application's callback. */
  static final class SendCall extends Call {
    private final String[] fields;
    private final Context sender;

    SendCall(MessagingRecorder recorder, String system, String destination, VigilSpan span, String[] fields,
        Context sender) {
      super(recorder, system, SEND, destination, span, null, null);
      this.fields = fields;
      this.sender = sender;
    }

    @Override
    public String[] fields() {
      return fields;
    }

    @Override
    public Object attach() {
      try {
        return sender.makeCurrent();
      } catch (Throwable t) {
        failed(t);
        return null;
      }
    }

    @Override
    public void restore(Object token) {
      if (token instanceof Scope) {
        ((Scope) token).close();
      }
    }
  }
}
