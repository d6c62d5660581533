package dev.vigil.agent.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.Point;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** {@code jvm.gc.duration}: a histogram per collector and action, fed by the JVM's GC notifications. */
final class GcDurations {
  private static final double[] BOUNDS = {0.01, 0.1, 1, 10};
  private static final int MAX_SERIES = 100;
  private final AtomicBoolean started = new AtomicBoolean();
  private final Map<String, Series> series = new ConcurrentHashMap<>();

  void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        ((NotificationEmitter) gc).addNotificationListener(this::onNotification, null, null);
      }
    }
  }

  private void onNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    String key = info.getGcName() + '\u0000' + info.getGcAction() + '\u0000' + info.getGcCause();
    if (series.size() >= MAX_SERIES && !series.containsKey(key)) {
      return; // collectors, actions and causes are a few dozen at most; never unbounded
    }
    series.computeIfAbsent(key, k -> new Series(info.getGcName(), info.getGcAction(), info.getGcCause()))
        .record(info.getGcInfo().getDuration() / 1000.0);
  }

  MetricFamily family() {
    List<Point> points = new ArrayList<>();
    for (Series s : series.values()) {
      long[] counts = new long[BOUNDS.length + 1];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = s.counts.get(i);
      }
      points.add(Point.histogram(Labels.of("jvm_gc_name", s.name, "jvm_gc_action", s.action, "jvm_gc_cause", s.cause),
          new Point.Histogram(BOUNDS.clone(), counts, s.sum.sum(), null)));
    }
    return new MetricFamily("jvm_gc_duration_seconds", MetricFamily.Type.HISTOGRAM,
        "Duration of JVM garbage collections.", "seconds", points);
  }

  private static final class Series {
    final String name;
    final String action;
    final String cause;
    final AtomicLongArray counts = new AtomicLongArray(BOUNDS.length + 1);
    final DoubleAdder sum = new DoubleAdder();

    Series(String name, String action, String cause) {
      this.name = name;
      this.action = action;
      this.cause = cause;
    }

    void record(double seconds) {
      int i = 0;
      while (i < BOUNDS.length && seconds > BOUNDS[i]) {
        i++;
      }
      counts.incrementAndGet(i);
      sum.add(seconds);
    }
  }
}
