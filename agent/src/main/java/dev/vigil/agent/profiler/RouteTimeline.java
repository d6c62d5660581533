package dev.vigil.agent.profiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which request ran on which thread when, kept only while a profile records: the HTTP server recorder adds one entry per
 * finished request (three stores into a ring, no allocation, no lock), and a dump matches each sample's thread and time
 * against them to name its http_route. The ring holds the last {@value #SIZE} requests; older ones are overwritten, and
 * their samples then stay unattributed. Times are epoch nanoseconds, as the JFR samples carry.
 */
public final class RouteTimeline {
  static final int SIZE = 1 << 16;
  private static volatile Ring ring;
  private static volatile boolean active;

  private RouteTimeline() {}

  /** Called by the HTTP server recorder when a request ends on the current thread. Cheap no-op unless profiling. */
  public static void record(long startNanos, long endNanos, String route) {
    if (active) {
      Ring r = ring;
      if (r != null) {
        r.add(Thread.currentThread().getId(), startNanos, endNanos, route);
      }
    }
  }

  static synchronized void activate() {
    if (ring == null) {
      ring = new Ring();
    }
    ring.calibrate();
    active = true;
  }

  static void deactivate() {
    active = false;
  }

  /** A System.nanoTime() reading as epoch nanoseconds, as this timeline converts it (null ring: uncalibrated). */
  static long toEpochNanos(long nanoTime) {
    Ring r = ring;
    return r == null ? nanoTime : nanoTime + r.epochMinusNano;
  }

  /** The requests recorded so far, indexed by thread for look-ups. */
  static Index index() {
    Ring r = ring;
    return r == null ? new Index(new HashMap<>()) : r.index();
  }

  private static final class Ring {
    final long[] threads = new long[SIZE];
    final long[] starts = new long[SIZE];
    final long[] ends = new long[SIZE];
    final String[] routes = new String[SIZE];
    final AtomicLong next = new AtomicLong();
    volatile long epochMinusNano;

    void calibrate() {
      epochMinusNano = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    }

    void add(long thread, long start, long end, String route) {
      int i = (int) (next.getAndIncrement() & (SIZE - 1));
      routes[i] = null; // a reader racing with this write sees no route rather than a wrong one
      threads[i] = thread;
      starts[i] = start;
      ends[i] = end;
      routes[i] = route;
    }

    Index index() {
      long offset = epochMinusNano;
      Map<Long, List<long[]>> byThread = new HashMap<>();
      Map<Long, List<String>> names = new HashMap<>();
      int n = (int) Math.min(SIZE, next.get());
      for (int i = 0; i < n; i++) {
        String route = routes[i];
        if (route != null) {
          byThread.computeIfAbsent(threads[i], t -> new ArrayList<>()).add(
              new long[] {starts[i] + offset, ends[i] + offset, names.computeIfAbsent(threads[i],
                  t -> new ArrayList<>()).size()});
          names.get(threads[i]).add(route);
        }
      }
      Map<Long, Spans> spans = new HashMap<>();
      byThread.forEach((thread, list) -> spans.put(thread, new Spans(list, names.get(thread))));
      return new Index(spans);
    }
  }

  /** Per-thread request spans sorted by start. */
  static final class Index {
    private final Map<Long, Spans> byThread;

    Index(Map<Long, Spans> byThread) {
      this.byThread = byThread;
    }

    /** The route of the request running on {@code thread} at {@code epochNanos}, or null. */
    String routeAt(long thread, long epochNanos) {
      Spans s = byThread.get(thread);
      return s == null ? null : s.at(epochNanos);
    }
  }

  private static final class Spans {
    final long[] starts;
    final long[] ends;
    final String[] routes;

    Spans(List<long[]> list, List<String> names) {
      list.sort((a, b) -> Long.compare(a[0], b[0]));
      starts = new long[list.size()];
      ends = new long[list.size()];
      routes = new String[list.size()];
      for (int i = 0; i < list.size(); i++) {
        long[] e = list.get(i);
        starts[i] = e[0];
        ends[i] = e[1];
        routes[i] = names.get((int) e[2]);
      }
    }

    String at(long t) {
      int i = Arrays.binarySearch(starts, t);
      i = i >= 0 ? i : -i - 2; // the last span starting at or before t
      return i >= 0 && t <= ends[i] ? routes[i] : null;
    }
  }
}
