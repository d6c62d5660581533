package dev.vigil.loadgen;

/**
 * The open model: sends follow the {@link Schedule}, never the responses. A request that cannot start (every
 * connection busy) is counted late and the schedule moves on; a request started after its due time (this thread woke up
 * late, or caught up a backlog) is still measured from its due time, so stalls are charged in full (no coordinated
 * omission).
 */
public final class OpenLoop {
  /** Starts requests without blocking the schedule. */
  public interface Dispatcher {
    /** Starts request {@code seq} to target {@code target}; false when it cannot start now. */
    boolean tryStart(long seq, int target, long intendedNanos);
  }

  private final Clock clock;
  private final Schedule schedule;
  private final Targets targets;
  private final Results results;

  public OpenLoop(Clock clock, Schedule schedule, Targets targets, Results results) {
    this.clock = clock;
    this.schedule = schedule;
    this.targets = targets;
    this.results = results;
  }

  public void run(Dispatcher dispatcher) {
    for (long i = 0; i < schedule.count(); i++) {
      long due = schedule.intendedNanos(i);
      clock.sleepUntil(due);
      int target = targets.pick(i);
      if (!dispatcher.tryStart(i, target, due)) {
        results.late(target, due);
      }
    }
  }
}
