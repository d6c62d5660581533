package dev.vigil.its.tools;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end cost per task: pushes N tiny tasks through a one-thread ThreadPoolExecutor from one submitting thread,
 * after a warm-up, and prints wall and process CPU nanoseconds per task. Run it with and without the agent (pinned to one
 * core) to compare; the difference is what the executor instrumentation adds per task, submit and run side.
 */
public final class ExecutorCostProbe {
  private static long counter;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Thread.sleep(args.length > 1 ? Long.parseLong(args[1]) : 3000); // let the agent finish installing
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    for (int round = 0; round < 6; round++) {
      CountDownLatch done = new CountDownLatch(1);
      long cpu0 = cpu();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        pool.execute(() -> counter++);
      }
      pool.execute(done::countDown);
      done.await();
      long wall = System.nanoTime() - t0;
      long cpu = cpu() - cpu0;
      if (round >= 3) { // the first three rounds warm up
        System.out.printf("round %d: %.1f ns wall, %.1f ns CPU per task%n", round - 2, wall / (double) n,
            cpu / (double) n);
      }
    }
    pool.shutdown();
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
