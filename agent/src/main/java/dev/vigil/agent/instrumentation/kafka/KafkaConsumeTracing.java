package dev.vigil.agent.instrumentation.kafka;

import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.MessagingCall;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka consumers for the messaging recorder, one instance per kafka-clients class loader ({@code Bridge.helpers()}):
 * after each poll ({@code accept(consumer, records)}) it notes the consumer's group for this thread and reads the lag
 * of its partitions from the client's own state; it wraps the iterator of a poll's records ({@code apply(iterator)}) so
 * that each record's processing is a span current on the thread. Defined in kafka's class loader at run time: uses only
 * kafka-clients, the bridge and {@code java.*}, and has static nested classes only. Records' keys and values are never
 * read.
 */
public final class KafkaConsumeTracing
    implements BiConsumer<Object, ConsumerRecords<?, ?>>, UnaryOperator<Iterator<?>> {
  static final String SYSTEM = "kafka";
  /** What the last poll on this thread left for the iteration of its records. */
  private static final ThreadLocal<PollState> POLLS = ThreadLocal.withInitial(PollState::new);

  @Override
  public void accept(Object consumer, ConsumerRecords<?, ?> records) {
    try {
      PollState state = POLLS.get();
      state.endOpenRecord();
      if (!(consumer instanceof Consumer)) {
        return;
      }
      Consumer<?, ?> kafka = (Consumer<?, ?>) consumer;
      if (state.consumer == null || state.consumer.get() != consumer) {
        state.consumer = new WeakReference<>(consumer);
        state.group = groupOf(kafka);
      }
      // only partitions this poll returned records of: their fetch brought the end offset, so currentLag answers
      // from the client's state (for a partition whose end offset is unknown it would ask the broker)
      for (TopicPartition partition : records.partitions()) {
        OptionalLong lag = kafka.currentLag(partition);
        if (lag.isPresent()) {
          Bridge.messaging().lag(SYSTEM, state.group, partition.topic(), partition.partition(), lag.getAsLong());
        }
      }
    } catch (Throwable t) {
      AdviceErrors.report(t, "kafka poll");
    }
  }

  private static String groupOf(Consumer<?, ?> consumer) {
    try {
      return consumer.groupMetadata().groupId();
    } catch (RuntimeException noGroup) {
      return null; // a consumer with assigned partitions and no group
    }
  }

  @Override
  public Iterator<?> apply(Iterator<?> records) {
    return new TracedIterator(records, POLLS.get());
  }

  static void end(MessagingCall call, Throwable error) {
    try {
      call.end(error);
    } catch (Throwable t) {
      AdviceErrors.report(t, "kafka end");
    }
  }

  /** The consuming thread's last consumer and group, and the record whose processing is still open there. */
  static final class PollState {
    WeakReference<Object> consumer;
    String group;
    TracedIterator open;

    /** The application left its last iteration early (a break, an exception): that record's processing ends now. */
    void endOpenRecord() {
      if (open != null) {
        open.endCurrent();
        open = null;
      }
    }
  }

  /** Each record's processing is current from {@code next()} until the iteration moves on or ends. */
  static final class TracedIterator implements Iterator<Object> {
    private final Iterator<?> delegate;
    private final PollState state;
    private MessagingCall current;

    TracedIterator(Iterator<?> delegate, PollState state) {
      this.delegate = delegate;
      this.state = state;
    }

    @Override
    public boolean hasNext() {
      boolean more = delegate.hasNext();
      if (!more) {
        endCurrent();
      }
      return more;
    }

    @Override
    public Object next() {
      endCurrent();
      Object next = delegate.next();
      if (next instanceof ConsumerRecord) {
        ConsumerRecord<?, ?> record = (ConsumerRecord<?, ?>) next;
        try {
          current = Bridge.messaging().processRecord(SYSTEM, record.topic(), state.group,
              new HeaderReader(record.headers()));
          state.open = current == null ? null : this;
        } catch (Throwable t) {
          AdviceErrors.report(t, "kafka process");
        }
      }
      return next;
    }

    @Override
    public void remove() {
      delegate.remove();
    }

    void endCurrent() {
      MessagingCall call = current;
      if (call != null) {
        current = null;
        if (state.open == this) {
          state.open = null;
        }
        end(call, null);
      }
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
