package dev.vigil.agent.profiler;

import java.nio.file.Path;

/** A sampler that records into a JFR file: async-profiler's native one, or the JDK's own Flight Recorder. */
interface Engine {
  /** Starts sampling {@code event} into {@code jfr}; returns the mode that really runs (e.g. "async-profiler itimer"). */
  String start(ProfileEvent event, long intervalNanos, Path jfr) throws Exception;

  /** Stops sampling; the JFR file is complete afterwards. */
  void stop() throws Exception;
}
