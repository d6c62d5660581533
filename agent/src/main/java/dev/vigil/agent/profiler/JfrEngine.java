package dev.vigil.agent.profiler;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;

/** The fallback: the JDK's Flight Recorder sampling Java stacks, written to the same JFR format. */
final class JfrEngine implements Engine {
  private Recording recording;

  @Override
  public String start(ProfileEvent event, long intervalNanos, Path jfr) throws Exception {
    Recording r = new Recording();
    r.setName("vigil-profile");
    Duration period = Duration.ofMillis(Math.max(1, intervalNanos / 1_000_000L));
    switch (event) {
      case CPU:
      case ITIMER:
      case CTIMER:
        r.enable("jdk.ExecutionSample").withPeriod(period).withStackTrace();
        break;
      case WALL:
        r.enable("jdk.ExecutionSample").withPeriod(period).withStackTrace();
        r.enable("jdk.NativeMethodSample").withPeriod(period).withStackTrace();
        break;
      case ALLOC:
        r.enable("jdk.ObjectAllocationSample").withStackTrace();
        break;
      default:
        r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
        r.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
    }
    r.setToDisk(true);
    r.setDestination(jfr);
    r.start();
    recording = r;
    return "jfr " + event.id();
  }

  @Override
  public void stop() {
    Recording r = recording;
    recording = null;
    if (r != null) {
      r.stop(); // writes the destination file
      r.close();
    }
  }
}
