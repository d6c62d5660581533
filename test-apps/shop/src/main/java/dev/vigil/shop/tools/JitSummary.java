package dev.vigil.shop.tools;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the JIT compiled in a JFR recording ({@code jdk.Compilation} events, threshold 0): C1 and C2 compilations, their
 * compiled code size and compile time, overall and after a point in the run (steady state), and when the last C2
 * compilation ended, counted from the JVM's launch. Used by scripts/startup-jit.sh.
 *   java -cp vigil-shop.jar dev.vigil.shop.tools.JitSummary --jfr recording.jfr --start LAUNCH_EPOCH_MS [--after 60s]
 */
public final class JitSummary {
  private JitSummary() {}

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    Path file = Paths.get(a.get("--jfr", "recording.jfr"));
    long afterMillis = Long.parseLong(a.get("--after", "60s").replace("s", "")) * 1000;
    Instant origin = Instant.ofEpochMilli(Long.parseLong(a.get("--start", "0")));
    long[] count = new long[2];
    long[] bytes = new long[2];
    long[] nanos = new long[2];
    long[] lateCount = new long[2];
    long[] lateBytes = new long[2];
    Instant lastC2 = null;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.Compilation")) {
        continue;
      }
      int c = e.getInt("compileLevel") == 4 ? 1 : 0;
      long size = e.getLong("codeSize");
      count[c]++;
      bytes[c] += size;
      nanos[c] += e.getDuration().toNanos();
      if (Duration.between(origin, e.getStartTime()).toMillis() >= afterMillis) {
        lateCount[c]++;
        lateBytes[c] += size;
      }
      if (c == 1 && (lastC2 == null || e.getEndTime().isAfter(lastC2))) {
        lastC2 = e.getEndTime();
      }
    }
    System.out.printf("C1 %d compiles %d KB code %.0f ms; C2 %d compiles %d KB code %.0f ms; after %d s: C1 %d (%d KB),"
            + " C2 %d (%d KB); last C2 compile ended at %.0f s%n",
        count[0], bytes[0] / 1024, nanos[0] / 1e6, count[1], bytes[1] / 1024, nanos[1] / 1e6, afterMillis / 1000,
        lateCount[0], lateBytes[0] / 1024, lateCount[1], lateBytes[1] / 1024,
        lastC2 == null ? 0.0 : Duration.between(origin, lastC2).toMillis() / 1000.0);
  }
}
