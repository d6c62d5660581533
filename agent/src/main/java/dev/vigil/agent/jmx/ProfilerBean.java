package dev.vigil.agent.jmx;

import dev.vigil.agent.profiler.Profiler;

/** The Profiler MBean: a thin adapter; errors reach the client as plain JDK exceptions with a message. */
public final class ProfilerBean implements ProfilerMXBean {
  private final Profiler profiler;

  public ProfilerBean(Profiler profiler) {
    this.profiler = profiler;
  }

  @Override
  public String start(String event, int seconds) {
    try {
      return profiler.start(event, seconds);
    } catch (Exception e) {
      throw plain(e);
    }
  }

  @Override
  public String stop() {
    try {
      return profiler.stop();
    } catch (Exception e) {
      throw plain(e);
    }
  }

  @Override
  public String dump(String format) {
    try {
      return profiler.dump(format, null);
    } catch (Exception e) {
      throw plain(e);
    }
  }

  @Override
  public String dumpRoute(String format, String route) {
    try {
      return profiler.dump(format, route);
    } catch (Exception e) {
      throw plain(e);
    }
  }

  /** Only java.lang exceptions without causes cross the connection: a client needs no class of ours or the JDK's JFR. */
  private static RuntimeException plain(Exception e) {
    if (e instanceof IllegalArgumentException) {
      return new IllegalArgumentException(e.getMessage());
    }
    return new IllegalStateException(e instanceof IllegalStateException ? e.getMessage() : e.toString());
  }

  @Override
  public boolean isRunning() {
    return profiler.running();
  }

  @Override
  public String getMode() {
    return profiler.mode();
  }

  @Override
  public String getLastOutput() {
    return profiler.lastOutput();
  }
}
