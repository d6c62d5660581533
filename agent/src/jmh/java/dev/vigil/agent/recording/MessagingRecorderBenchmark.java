package dev.vigil.agent.recording;

import dev.vigil.agent.signals.ConsumerLag;
import dev.vigil.agent.signals.MessagingRegistry;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to every message with tracing off: a publish (destination name, call object, series lookup,
 * clock, histogram; the message goes out unchanged) and the processing of a delivery carrying a header map; for Kafka,
 * a send (ended from the callback) and a record's processing, with a header reader.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class MessagingRecorderBenchmark {
  private final MessagingRecorder recorder = new MessagingRecorder(new MessagingRegistry(500), new ConsumerLag(500));
  private final Map<String, Object> headers = Map.of("traceparent",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

  @Benchmark
  public void publish() {
    recorder.publish("rabbitmq", "", "orders", null).end(null);
  }

  private final Function<String, String> recordHeaders = name -> (String) headers.get(name);

  @Benchmark
  public void process() {
    recorder.process("rabbitmq", "", "orders", headers).end(null);
  }

  @Benchmark
  public void kafkaSend() {
    recorder.send("kafka", "orders", recordHeaders).end(null);
  }

  @Benchmark
  public void kafkaProcessRecord() {
    recorder.processRecord("kafka", "orders", "billing", recordHeaders).end(null);
  }
}
