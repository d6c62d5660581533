package dev.vigil.agent.instrumentation.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.MessagingCall;
import dev.vigil.bootstrap.MessagingHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processing of each record lasts from its {@code next()} until the iteration moves on, ends, or the next poll. */
class KafkaConsumeTracingTest {
  private final List<String> events = new ArrayList<>();
  private final KafkaConsumeTracing tracing = new KafkaConsumeTracing();

  @BeforeEach
  void recordProcessing() {
    Bridge.install((MessagingHandler) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {MessagingHandler.class}, (proxy, method, args) -> {
          if (!method.getName().equals("processRecord")) {
            return null;
          }
          @SuppressWarnings("unchecked")
          String traceparent = ((Function<String, String>) args[3]).apply("traceparent");
          String name = args[1] + "/" + traceparent;
          events.add("start " + name);
          return new MessagingCall() {
            @Override
            public void end(Throwable error) {
              events.add("end " + name);
            }
          };
        }));
  }

  @AfterEach
  void restore() {
    Bridge.install((MessagingHandler) null);
  }

  @Test
  void eachRecordFromNextUntilTheIterationMovesOn() {
    for (Object record : iterable(records("a", "b"))) {
      events.add("handle " + ((ConsumerRecord<?, ?>) record).value());
    }
    assertThat(events).containsExactly("start orders/tp-a", "handle a", "end orders/tp-a", "start orders/tp-b",
        "handle b", "end orders/tp-b");
  }

  @Test
  void aLoopLeftEarlyEndsAtTheNextPoll() {
    Iterator<?> it = tracing.apply(records("a", "b").iterator());
    it.next();
    assertThat(events).containsExactly("start orders/tp-a");
    tracing.accept(new Object(), records());
    assertThat(events).containsExactly("start orders/tp-a", "end orders/tp-a");
  }

  private Iterable<Object> iterable(ConsumerRecords<String, String> records) {
    @SuppressWarnings("unchecked")
    Iterator<Object> it = (Iterator<Object>) tracing.apply(records.iterator());
    return () -> it;
  }

  private static ConsumerRecords<String, String> records(String... values) {
    List<ConsumerRecord<String, String>> list = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      ConsumerRecord<String, String> r = new ConsumerRecord<>("orders", 0, i, "key", values[i]);
      r.headers().add("traceparent", ("tp-" + values[i]).getBytes(StandardCharsets.UTF_8));
      list.add(r);
    }
    return new ConsumerRecords<>(Map.of(new TopicPartition("orders", 0), list));
  }
}
