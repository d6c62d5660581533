package dev.vigil.its.apps;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Virtual threads by reflection (this module targets Java 17): null before Java 21. */
final class VirtualThreads {
  private VirtualThreads() {}

  static ExecutorService executor() throws Exception {
    if (Runtime.version().feature() < 21) {
      return null;
    }
    return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }

  /**
   * A virtual thread that blocks while pinned to its carrier: inside a class initializer (still pinning on Java 24+,
   * where JEP 491 unpinned synchronized) and, for 21 to 23, inside a synchronized block.
   */
  static String pin() throws Exception {
    ExecutorService vt = executor();
    if (vt == null) {
      return "no virtual threads";
    }
    vt.submit(() -> SlowInit.touch()).get();
    vt.submit(() -> {
      synchronized (VirtualThreads.class) {
        sleep(100);
      }
    }).get();
    vt.shutdown();
    return "pinned";
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Its initializer blocks for 100 ms: a virtual thread running it cannot unmount. */
  static final class SlowInit {
    static {
      sleep(100);
    }

    static void touch() {}
  }
}
