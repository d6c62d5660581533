package dev.vigil.agent.jmx;

/**
 * {@code dev.vigil:type=Profiler}: CPU, wall-clock, allocation and lock profiles on demand. Strings and numbers only, so
 * jconsole, VisualVM and jmxterm call it without any Vigil class.
 */
public interface ProfilerMXBean {
  /** Starts a profile: event cpu, wall, alloc or lock; seconds 0 = until stop(). Returns the mode that runs. */
  String start(String event, int seconds) throws Exception;

  /** Stops the running profile; returns the path of its JFR recording. */
  String stop() throws Exception;

  /**
   * Writes the latest profile as collapsed, html or jfr; returns the file's path. While profiling: the samples since the
   * start or the previous dump, profiling going on.
   */
  String dump(String format) throws Exception;

  /** As dump, keeping only the samples taken while a request of this http_route ran. */
  String dumpRoute(String format, String route) throws Exception;

  boolean isRunning();

  /** Which engine samples: "async-profiler cpu", "async-profiler itimer (...)", "jfr cpu (...)". */
  String getMode();

  String getLastOutput();
}
