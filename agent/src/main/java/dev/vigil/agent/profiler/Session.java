package dev.vigil.agent.profiler;

import java.nio.file.Path;
import java.util.concurrent.Future;

/** A recording in progress. */
final class Session {
  final ProfileEvent event;
  final Engine engine;
  final String mode;
  final Path jfr;
  final boolean continuous;
  final long startMillis = System.currentTimeMillis();
  Future<?> autoStop;

  Session(ProfileEvent event, Engine engine, String mode, Path jfr, boolean continuous) {
    this.event = event;
    this.engine = engine;
    this.mode = mode;
    this.jfr = jfr;
    this.continuous = continuous;
  }

  Recorded finish() {
    return new Recorded(jfr, event, mode, startMillis, System.currentTimeMillis());
  }
}
