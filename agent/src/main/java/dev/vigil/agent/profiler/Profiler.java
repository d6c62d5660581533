package dev.vigil.agent.profiler;

import dev.vigil.agent.logging.AgentLog;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The profiler behind JMX, the command line and /vigil/profile: one recording at a time, on demand or as a continuous
 * window (an on-demand start cuts the window short). Nothing native is loaded until the first start. The engine is
 * async-profiler (cpu, falling back to itimer), else the JDK's Flight Recorder; {@link #mode()} says which runs.
 */
public final class Profiler {
  private final Engines engines;
  private final long intervalNanos;
  private final ProfileFiles files;
  private final int keep;
  private final Deque<Recorded> onDemand = new ArrayDeque<>();
  private Session session;
  private Recorded latest;
  private String mode = "";
  private String lastOutput = "";
  private ScheduledThreadPoolExecutor timer;

  public Profiler(boolean nativeAllowed, long intervalNanos, String dir, int keep) {
    this.engines = new Engines(nativeAllowed);
    this.intervalNanos = Math.max(1_000_000L, intervalNanos);
    this.files = new ProfileFiles(dir);
    this.keep = Math.max(1, keep);
  }

  /** Starts an on-demand profile; {@code seconds} 0 records until {@link #stop()}. Returns the mode that runs. */
  public synchronized String start(String event, int seconds) throws Exception {
    ProfileEvent e = ProfileEvent.parse(event);
    if (seconds < 0) {
      throw new IllegalArgumentException("seconds must be 0 (until stopped) or more, not " + seconds);
    }
    if (session != null && !session.continuous) {
      throw new IllegalStateException("already profiling " + session.event.id() + " (" + session.mode + "); stop first");
    }
    if (session != null) {
      finish(); // the continuous window ends early and is kept
    }
    Session s = begin(e, intervalNanos, false);
    if (seconds > 0) {
      s.autoStop = timer().schedule(() -> stopIf(s), seconds, TimeUnit.SECONDS);
    }
    AgentLog.info("profiling " + e.id() + (seconds > 0 ? " for " + seconds + " s" : " until stopped") + " (" + mode
        + ")");
    return mode;
  }

  /** Stops the on-demand profile; returns the path of its JFR recording. */
  public synchronized String stop() throws Exception {
    if (session == null || session.continuous) {
      throw new IllegalStateException("not profiling");
    }
    Recorded r = finish();
    lastOutput = r.jfr.toString();
    return lastOutput;
  }

  /** Writes the latest profile (while one runs: see snapshot) as collapsed, html or jfr, whole or per route. */
  public synchronized String dump(String format, String route) throws Exception {
    String f = Outputs.format(format);
    Recorded r = session != null && !session.continuous ? snapshot() : latest;
    if (r == null) {
      throw new IllegalStateException("nothing recorded yet: start a profile first");
    }
    lastOutput = Outputs.write(r, f, route == null || route.isEmpty() ? null : route).toString();
    return lastOutput;
  }

  public synchronized boolean running() {
    return session != null && !session.continuous;
  }

  public synchronized String mode() {
    return mode;
  }

  public synchronized String lastOutput() {
    return lastOutput;
  }

  /** The newest finished recording, continuous or on demand, or null. */
  synchronized Recorded latest() {
    return latest;
  }

  /** Starts a continuous window unless an on-demand profile runs; false when it does. */
  synchronized boolean startWindow(ProfileEvent event, long windowIntervalNanos) throws Exception {
    if (session != null) {
      return false;
    }
    begin(event, windowIntervalNanos, true);
    return true;
  }

  /** Ends the running continuous window, if one runs; returns it or null. */
  synchronized Recorded endWindow() throws Exception {
    return session != null && session.continuous ? finish() : null;
  }

  ProfileFiles files() {
    return files;
  }

  private Session begin(ProfileEvent e, long interval, boolean continuous) throws Exception {
    session = engines.start(e, interval, files.newRecording(continuous ? "continuous" : e.id()), continuous);
    mode = session.mode;
    RouteTimeline.activate();
    return session;
  }

  private Recorded finish() throws Exception {
    Session s = session;
    session = null;
    RouteTimeline.deactivate();
    if (s.autoStop != null) {
      s.autoStop.cancel(false);
    }
    s.engine.stop();
    Recorded r = s.finish();
    latest = r;
    if (!s.continuous) {
      keep(r);
    }
    return r;
  }

  /**
   * A dump while profiling: the recording so far is closed and kept, and sampling goes on at once into a new file
   * (engines cannot all copy out a consistent recording while writing it). So each dump holds the samples since the
   * start or the previous dump.
   */
  private Recorded snapshot() throws Exception {
    Session s = session;
    s.engine.stop();
    Recorded r = s.finish();
    keep(r);
    s.jfr = files.newRecording(s.event.id());
    s.startMillis = System.currentTimeMillis();
    s.engine.start(s.event, s.intervalNanos, s.jfr);
    return r;
  }

  private void keep(Recorded r) {
    onDemand.addLast(r);
    while (onDemand.size() > keep) {
      onDemand.removeFirst().delete();
    }
  }

  private synchronized void stopIf(Session s) {
    if (session == s) {
      try {
        Recorded r = finish();
        lastOutput = r.jfr.toString();
        AgentLog.info("profile finished: " + r.jfr);
      } catch (Exception e) {
        AgentLog.warn("profile could not be stopped cleanly: " + e);
      }
    }
  }

  private ScheduledThreadPoolExecutor timer() {
    if (timer == null) {
      timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "vigil-profiler");
        t.setDaemon(true);
        return t;
      });
      timer.setRemoveOnCancelPolicy(true);
    }
    return timer;
  }
}
