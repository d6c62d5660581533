package dev.vigil.loadgen;

import java.io.IOException;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The {@code jfr-alloc} command: bytes the application's threads allocated during a JFR recording that had
 * {@code jdk.ThreadAllocationStatistics} at {@code everyChunk} (a snapshot of every thread's running total when the
 * recording starts and when it is dumped; one snapshot's events are stamped microseconds apart). Per thread: last
 * total minus first; a thread born during the recording counts whole; a thread that ended during it is lost (the
 * figure errs low by its last stretch).
 */
final class JfrAllocation {
  /** Events this close to the first one belong to the start snapshot; the recording must last longer than this. */
  private static final Duration SNAPSHOT = Duration.ofMillis(100);

  private JfrAllocation() {}

  static int run(Args a) throws IOException {
    System.out.println(allocatedBytes(a.require("jfr")));
    return 0;
  }

  static long allocatedBytes(String file) throws IOException {
    Map<Long, long[]> perThread = new HashMap<>(); // thread id -> {first, last}
    Map<Long, Instant> firstSeen = new HashMap<>();
    Instant start = null;
    try (RecordingFile recording = new RecordingFile(Paths.get(file))) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        if (!e.getEventType().getName().equals("jdk.ThreadAllocationStatistics")) {
          continue;
        }
        RecordedThread thread = e.getThread("thread");
        if (thread == null) {
          continue;
        }
        long id = thread.getId();
        long allocated = e.getLong("allocated");
        Instant time = e.getStartTime();
        start = start == null || time.isBefore(start) ? time : start;
        long[] fl = perThread.computeIfAbsent(id, k -> new long[] {allocated, allocated});
        if (time.isBefore(firstSeen.getOrDefault(id, Instant.MAX))) {
          firstSeen.put(id, time);
          fl[0] = allocated;
        }
        fl[1] = Math.max(fl[1], allocated);
      }
    }
    long total = 0;
    for (Map.Entry<Long, long[]> t : perThread.entrySet()) {
      boolean atStart = firstSeen.get(t.getKey()).isBefore(start.plus(SNAPSHOT)); // in the start snapshot
      total += atStart ? t.getValue()[1] - t.getValue()[0] : t.getValue()[1];
    }
    return total;
  }
}
