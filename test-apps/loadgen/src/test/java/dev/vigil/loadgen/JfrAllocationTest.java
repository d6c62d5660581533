package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JFR recording of this JVM: what two threads allocate during it is found, what came before is not. */
class JfrAllocationTest {
  private static final int MB = 1024 * 1024;
  static volatile Object sink;
  @TempDir Path dir;

  @Test
  void sumsEachThreadsGrowthDuringTheRecording() throws Exception {
    allocate(64); // before the recording: not counted
    Path file = dir.resolve("alloc.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ThreadAllocationStatistics").with("period", "everyChunk");
      recording.start();
      allocate(32);
      Thread born = new Thread(() -> allocate(16), "born-during-the-recording");
      born.start();
      born.join();
      Thread alive = new Thread(() -> {
        allocate(8);
        sleep(); // still alive at the end snapshot
      });
      alive.setDaemon(true);
      alive.start();
      Thread.sleep(500);
      recording.stop();
      recording.dump(file);
    }
    long allocated = JfrAllocation.allocatedBytes(file.toString());
    // this thread's 32 MB and the live thread's 8 MB at least; the thread that ended before the end snapshot is lost
    assertThat(allocated).isBetween(40L * MB, 60L * MB);
  }

  private static void allocate(int megabytes) {
    for (int i = 0; i < megabytes; i++) {
      sink = new byte[MB];
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
