package dev.vigil.loadgen;

/** A clock that moves only when told to or when someone sleeps on it: no real waiting in tests. */
final class FakeClock implements Clock {
  long now;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void sleepUntil(long deadline) {
    now = Math.max(now, deadline);
  }
}
