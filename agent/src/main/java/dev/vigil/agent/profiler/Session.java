package dev.vigil.agent.profiler;

import java.nio.file.Path;
import java.util.concurrent.Future;

/** A recording in progress. A dump while it runs moves it on to a new file (see Profiler#dump). */
final class Session {
  final ProfileEvent event;
  final Engine engine;
  final String mode;
  final long intervalNanos;
  final boolean continuous;
  Path jfr;
  long startMillis = System.currentTimeMillis();
  Future<?> autoStop;

  Session(ProfileEvent event, Engine engine, String mode, Path jfr, long intervalNanos, boolean continuous) {
    this.event = event;
    this.intervalNanos = intervalNanos;
    this.engine = engine;
    this.mode = mode;
    this.jfr = jfr;
    this.continuous = continuous;
  }

  Recorded finish() {
    return new Recorded(jfr, event, mode, startMillis, System.currentTimeMillis());
  }
}
