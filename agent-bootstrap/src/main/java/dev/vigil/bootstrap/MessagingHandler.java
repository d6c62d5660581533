package dev.vigil.bootstrap;

import java.util.Map;
import java.util.function.Function;

/**
 * Receives messages sent and processed by the messaging instrumentations (RabbitMQ, Kafka). Implemented by the agent.
 * Only names and the message headers cross: the body and the key never do. Brokers that address a message by an
 * exchange and a routing key (RabbitMQ) pass those and a header map; the others pass a destination and a reader of the
 * message's headers (a header's value as text by its name, or null), and write what {@link MessagingCall#fields()}
 * returns themselves.
 */
public interface MessagingHandler {
  MessagingHandler NOOP = new MessagingHandler() {
    @Override
    public MessagingCall publish(String system, String exchange, String routingKey, Map<String, Object> headers) {
      return null;
    }

    @Override
    public MessagingCall process(String system, String exchange, String routingKey, Map<String, Object> headers) {
      return null;
    }

    @Override
    public MessagingCall receive(String system, String queue) {
      return null;
    }

    @Override
    public MessagingCall send(String system, String destination, Function<String, String> headers) {
      return null;
    }

    @Override
    public MessagingCall processRecord(String system, String destination, String consumerGroup,
        Function<String, String> headers) {
      return null;
    }

    @Override
    public void lag(String system, String consumerGroup, String destination, int partition, long lag) {}
  };

  /**
   * A message is about to be published to {@code exchange} ("" for the default exchange, where {@code routingKey} names
   * the queue). {@code headers} are the caller's (never changed; may be null). Returns the handle to end the publish
   * with, whose {@link MessagingCall#headers()} are the headers to send in their place, or null.
   */
  MessagingCall publish(String system, String exchange, String routingKey, Map<String, Object> headers);

  /**
   * A delivered message is about to be processed on this thread, with the headers it carried: the returned handle is
   * current on this thread until it ends there. Null when nothing is recorded.
   */
  MessagingCall process(String system, String exchange, String routingKey, Map<String, Object> headers);

  /** The client polls {@code queue} for one message (RabbitMQ's {@code basicGet}); null when nothing is recorded. */
  MessagingCall receive(String system, String queue);

  /**
   * A message is about to be sent to {@code destination} (a Kafka topic); {@code headers} reads the headers it already
   * carries. Returns the handle to end the send with (from whichever thread sees its outcome), whose
   * {@link MessagingCall#fields()} are the trace-context headers to add, or null.
   */
  MessagingCall send(String system, String destination, Function<String, String> headers);

  /**
   * A received message of {@code destination} is about to be processed on this thread by {@code consumerGroup} (null
   * when none), with the headers it carried: the returned handle is current on this thread until it ends there. Null
   * when nothing is recorded.
   */
  MessagingCall processRecord(String system, String destination, String consumerGroup,
      Function<String, String> headers);

  /** A consumer's lag on one partition, in messages, as the client last computed it (no broker call). */
  void lag(String system, String consumerGroup, String destination, int partition, long lag);
}
