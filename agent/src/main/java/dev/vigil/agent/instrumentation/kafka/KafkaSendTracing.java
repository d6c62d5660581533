package dev.vigil.agent.instrumentation.kafka;

import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.MessagingCall;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka sends for the messaging recorder ({@code apply(record, callback)}), one instance per kafka-clients class loader
 * ({@code Bridge.helpers()}): starts the send, adds the trace context to the record's headers (never replacing one the
 * application set) and returns the callback to send with. Defined in kafka's class loader at run time: uses only
 * kafka-clients, the bridge and {@code java.*}, and has static nested classes only. The record's key and value are
 * never read.
 */
public final class KafkaSendTracing implements BiFunction<ProducerRecord<?, ?>, Callback, Callback> {
  static final String SYSTEM = "kafka";

  @Override
  public Callback apply(ProducerRecord<?, ?> record, Callback callback) {
    MessagingCall call;
    try {
      Headers headers = record.headers();
      call = Bridge.messaging().send(SYSTEM, record.topic(), new HeaderReader(headers));
      if (call == null) {
        return callback;
      }
      addFields(headers, call.fields());
    } catch (Throwable t) {
      AdviceErrors.report(t, "kafka send");
      return callback;
    }
    return new TracedCallback(callback, call);
  }

  private static void addFields(Headers headers, String[] fields) {
    try {
      for (int i = 0; i + 1 < fields.length; i += 2) {
        headers.add(fields[i], fields[i + 1].getBytes(StandardCharsets.UTF_8));
      }
    } catch (IllegalStateException readOnly) {
      // a record sent a second time: its headers are frozen, and carry the first send's context already
    }
  }

  static void end(MessagingCall call, Throwable error) {
    try {
      call.end(error);
    } catch (Throwable t) {
      AdviceErrors.report(t, "kafka end");
    }
  }

  /** Ends the send when the broker answers, then runs the application's callback under the sender's context. */
  static final class TracedCallback implements Callback, java.util.function.Consumer<Throwable> {
    private final Callback delegate;
    private final MessagingCall call;

    TracedCallback(Callback delegate, MessagingCall call) {
      this.delegate = delegate;
      this.call = call;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      end(call, exception);
      if (delegate == null) {
        return;
      }
      Object token = null;
      try {
        token = call.attach();
      } catch (Throwable t) {
        AdviceErrors.report(t, "kafka callback context");
      }
      try {
        delegate.onCompletion(metadata, exception);
      } finally {
        try {
          call.restore(token);
        } catch (Throwable t) {
          AdviceErrors.report(t, "kafka callback context");
        }
      }
    }

    /** The send threw: Kafka will not call back. */
    @Override
    public void accept(Throwable thrown) {
      end(call, thrown);
    }
  }

  /** A header's last value as text, by name. */
  static final class HeaderReader implements Function<String, String> {
    private final Headers headers;

    HeaderReader(Headers headers) {
      this.headers = headers;
    }

    @Override
    public String apply(String name) {
      Header header = headers == null ? null : headers.lastHeader(name);
      byte[] value = header == null ? null : header.value();
      return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
  }
}
