package dev.vigil.bootstrap;

import java.util.Map;

/**
 * Receives messages sent and processed by the messaging instrumentations (RabbitMQ). Implemented by the agent. Only
 * names and the message headers cross: the body never does.
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
}
