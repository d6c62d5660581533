package dev.vigil.agent.profiler;

import dev.vigil.agent.logging.AgentLog;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code vigil.profiler.continuous=true}: CPU samples at a low rate in back-to-back windows; the last few windows are
 * kept on disk (older ones deleted), the newest is what /vigil/profile shows. An on-demand profile pauses it.
 */
public final class ContinuousProfiler implements Runnable {
  private final Profiler profiler;
  private final ProfileEvent event;
  private final long intervalNanos;
  private final long windowMillis;
  private final int keep;
  private final long delayMillis;
  private final Deque<Recorded> windows = new ArrayDeque<>();

  private ContinuousProfiler(Profiler profiler, ProfileEvent event, long intervalNanos, long windowMillis, int keep,
      long delayMillis) {
    this.profiler = profiler;
    this.event = event;
    this.delayMillis = delayMillis;
    this.intervalNanos = Math.max(1_000_000L, intervalNanos);
    this.windowMillis = Math.max(1_000L, windowMillis);
    this.keep = Math.max(1, keep);
  }

  /** Starts sampling {@code delayMillis} from now: not while the application and the agent start up. */
  public static void start(Profiler profiler, ProfileEvent event, long intervalNanos, long windowMillis, int keep,
      long delayMillis) {
    Thread t = new Thread(new ContinuousProfiler(profiler, event, intervalNanos, windowMillis, keep, delayMillis),
        "vigil-profiler-continuous");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void run() {
    boolean announced = false;
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      return;
    }
    while (true) {
      try {
        if (!profiler.startWindow(event, intervalNanos)) {
          Thread.sleep(1_000); // an on-demand profile runs: wait for it
          continue;
        }
        if (!announced) {
          AgentLog.info("continuous profiling: " + profiler.mode() + ", every " + intervalNanos / 1_000_000 + " ms in "
              + windowMillis / 1000 + " s windows, last " + keep + " kept; flame graph at /vigil/profile");
          announced = true;
        }
        Thread.sleep(windowMillis);
        Recorded r = profiler.endWindow();
        if (r != null) {
          windows.addLast(r);
          while (windows.size() > keep) {
            windows.removeFirst().delete();
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (Throwable t) {
        AgentLog.once(AgentLog.Level.WARN, "profiler-continuous", "continuous profiling stopped", t);
        return;
      }
    }
  }
}
