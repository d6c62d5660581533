package dev.vigil.loadgen;

import java.util.concurrent.locks.LockSupport;

/** Time as the load generator sees it. Injected so that tests can drive the schedule without real waiting. */
public interface Clock {
  long nanoTime();

  /** Returns once {@link #nanoTime()} has reached {@code deadline} (possibly later, never much earlier). */
  void sleepUntil(long deadline);

  Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadline) {
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        LockSupport.parkNanos(left);
      }
    }
  };
}
