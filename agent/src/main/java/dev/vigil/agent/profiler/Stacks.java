package dev.vigil.agent.profiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the samples of a JFR file (async-profiler's or the JDK's) into collapsed stacks: "root;...;leaf count", the
 * input of flame graphs. With a route, keeps only samples taken while a request of that http_route ran on their thread.
 */
final class Stacks {
  private Stacks() {}

  static Map<String, Long> collapse(Path jfr, ProfileEvent event, String route, RouteTimeline.Index index)
      throws IOException {
    Map<String, Long> stacks = new TreeMap<>();
    try (RecordingFile file = new RecordingFile(jfr)) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        if (!event.jfrTypes.contains(e.getEventType().getName())) {
          continue;
        }
        RecordedStackTrace trace = e.getStackTrace();
        if (trace == null || (route != null && !route.equals(routeOf(e, index)))) {
          continue;
        }
        String stack = collapse(trace.getFrames());
        if (!stack.isEmpty()) {
          stacks.merge(stack, 1L, Long::sum);
        }
      }
    }
    return stacks;
  }

  private static String routeOf(RecordedEvent e, RouteTimeline.Index index) {
    RecordedThread thread = e.hasField("sampledThread") ? e.getThread("sampledThread") : e.getThread();
    if (thread == null) {
      return null;
    }
    Instant t = e.getStartTime();
    return index.routeAt(thread.getJavaThreadId(), t.getEpochSecond() * 1_000_000_000L + t.getNano());
  }

  private static String collapse(List<RecordedFrame> frames) {
    StringBuilder sb = new StringBuilder(frames.size() * 32);
    for (int i = frames.size() - 1; i >= 0; i--) { // JFR lists the leaf first
      RecordedMethod m = frames.get(i).getMethod();
      if (m == null) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(';');
      }
      String type = m.getType() == null ? "" : m.getType().getName();
      sb.append(clean(type)).append(type.isEmpty() ? "" : ".").append(clean(m.getName()));
    }
    return sb.toString();
  }

  /** Frame names never break the collapsed format (';' separates frames, ' ' the count). */
  private static String clean(String s) {
    return s.replace(';', ':').replace(' ', '_').replace('\n', '_');
  }

  static byte[] format(Map<String, Long> stacks) {
    StringBuilder sb = new StringBuilder();
    stacks.forEach((stack, count) -> sb.append(stack).append(' ').append(count).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
