package dev.vigil.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.otlp.OtlpChannel.Outcome;
import dev.vigil.agent.support.CapturedStderr;
import dev.vigil.exporter.model.MetricFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogQueueTest {
  private static long deadline() {
    return System.nanoTime() + 60_000_000_000L;
  }

  private static LogEntry entry(int i) {
    return new LogEntry(i, "INFO", "app", "line " + i, null, null, "main");
  }

  @Test
  void aFullQueueDropsAndCountsNeverBlocks() {
    LogQueue queue = new LogQueue(16, 1000);
    for (int i = 0; i < 20; i++) {
      queue.offer(entry(i));
    }
    assertThat(queue.dropped("queue_full")).isEqualTo(4);
    List<LogEntry> batch = new ArrayList<>();
    queue.drainInto(batch);
    assertThat(batch).extracting(e -> e.message).first().isEqualTo("line 0");
    assertThat(batch).hasSize(16);
  }

  @Test
  void exportedAndFailedBatchesAreCounted() {
    LogQueue queue = new LogQueue(64, 1000);
    for (int i = 0; i < 10; i++) {
      queue.offer(entry(i));
    }
    List<List<String>> received = new ArrayList<>();
    queue.flush(batch -> {
      received.add(batch.stream().map(e -> e.message).collect(Collectors.toList()));
      return Outcome.SENT;
    }, deadline());
    assertThat(received).hasSize(1);
    assertThat(received.get(0)).hasSize(10);
    assertThat(queue.exported()).isEqualTo(10);
    queue.offer(entry(99));
    queue.offer(entry(100));
    try (CapturedStderr log = CapturedStderr.start()) {
      queue.flush(batch -> {
        throw new IllegalStateException("receiver down");
      }, deadline());
      assertThat(log.lines()).as("rate-limited per JVM").allMatch(l -> l.contains("OTLP log export failed"));
    }
    assertThat(queue.dropped("export_failed")).isEqualTo(2);
    queue.offer(entry(101));
    queue.flush(batch -> Outcome.TIMEOUT, deadline());
    assertThat(queue.dropped("timeout")).isEqualTo(1);
    List<MetricFamily> families = new ArrayList<>();
    queue.collect(families);
    assertThat(families).extracting(f -> f.name).contains("vigil_exporter_logs_dropped");
    assertThat(families.get(0).points).extracting(p -> p.labels.value(0) + "=" + (long) p.value)
        .containsExactly("queue_full=0", "queue_bytes=0", "export_failed=2", "timeout=1", "shutdown=0");
  }

  @Test
  void whatTheShutdownFlushHasNoTimeForIsCounted() {
    LogQueue queue = new LogQueue(64, 1000);
    for (int i = 0; i < 7; i++) {
      queue.offer(entry(i));
    }
    queue.shutdown(batch -> Outcome.SENT, 0);
    assertThat(queue.dropped("shutdown")).isEqualTo(7);
    assertThat(queue.exported()).isZero();
  }

  /** Without the byte budget, 1,000 one-megabyte messages would hold 2 GB here (the queue takes 1,024 records). */
  @Test
  void megabyteMessagesAreCutAndTheQueuedBytesStayWithinTheBudget() {
    int budget = 1 << 20;
    LogQueue queue = new LogQueue(1024, 1000, 512, budget, 16_384);
    String megabyte = "x".repeat(1 << 20);
    for (int i = 0; i < 1000; i++) {
      queue.offer(new LogEntry(i, "INFO", "app", megabyte, null, null, "main"));
    }
    assertThat(queue.queuedBytes()).isPositive().isLessThanOrEqualTo(budget);
    assertThat(queue.cut()).isEqualTo(1000);
    List<LogEntry> batch = new ArrayList<>();
    queue.drainInto(batch);
    assertThat(batch).hasSizeBetween(1, budget / (2 * 16_384));
    assertThat(queue.dropped("queue_bytes")).isEqualTo(1000 - batch.size());
    assertThat(batch).allSatisfy(e -> {
      assertThat(e.message).hasSize(16_384);
      assertThat(e.messageLength).isEqualTo(1 << 20);
      assertThat(e.messageCut()).isTrue();
    });
    assertThat(queue.queuedBytes()).as("released on drain").isZero();
    queue.offer(entry(1));
    assertThat(queue.queuedBytes()).as("room again").isPositive();
    assertThat(queue.dropped("queue_bytes")).isEqualTo(1000 - batch.size());
  }

  @Test
  void aThrowableCountsInTheBudget() {
    LogQueue queue = new LogQueue(1024, 1000, 512, 3 * LogEntry.THROWN_BYTES, 16_384);
    for (int i = 0; i < 10; i++) {
      queue.offer(new LogEntry(i, "ERROR", "app", "failed", new IllegalStateException(), null, "main"));
    }
    assertThat(queue.dropped("queue_bytes")).isEqualTo(8);
  }
}
