package dev.vigil.agent.profiler;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** What a profile samples, and which JFR event types (async-profiler's or the JDK's) hold its samples. */
public enum ProfileEvent {
  CPU("jdk.ExecutionSample"),
  /** CPU time through a process-wide interval timer: no perf_events, nothing added to thread switches. */
  ITIMER("jdk.ExecutionSample"),
  /** CPU time through per-thread CPU-clock timers (async-profiler's ctimer): no perf_events. */
  CTIMER("jdk.ExecutionSample"),
  WALL("jdk.ExecutionSample", "jdk.NativeMethodSample", "profiler.WallClockSample"),
  ALLOC("jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB", "jdk.ObjectAllocationSample"),
  LOCK("jdk.JavaMonitorEnter", "jdk.ThreadPark");

  final Set<String> jfrTypes;

  ProfileEvent(String... jfrTypes) {
    this.jfrTypes = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(jfrTypes)));
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** cpu, itimer, ctimer, wall, alloc or lock (any case); IllegalArgumentException names the choices otherwise. */
  public static ProfileEvent parse(String s) {
    String v = s == null || s.trim().isEmpty() ? "CPU" : s.trim().toUpperCase(Locale.ROOT);
    try {
      return valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown event " + s + "; use cpu, itimer, ctimer, wall, alloc or lock");
    }
  }
}
