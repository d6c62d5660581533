package dev.vigil.agent.jvm;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.Point;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Virtual threads started and pinned (Java 21+), from a JFR event stream: {@code jdk.VirtualThreadStart} and
 * {@code jdk.VirtualThreadPinned} (pinned for 20 ms or more, JFR's default threshold). Each pinning site (the first
 * application frame of the stack) is logged once with its stack. RecordingStream is Java 14+, so it is reached by
 * reflection: the agent is built for Java 11. Nothing starts before Java 21, nor before the first virtual thread.
 */
final class VirtualThreadEvents {
  static final int MAX_SITES = 1_000;
  private final AtomicBoolean started = new AtomicBoolean();
  private final LongAdder starts = new LongAdder();
  private final LongAdder pinned = new LongAdder();
  private final Set<String> sites = ConcurrentHashMap.newKeySet();
  private volatile boolean running;

  long pinned() {
    return pinned.sum();
  }

  /**
   * Starts the stream once the application runs virtual threads (a carrier thread exists): JFR costs threads and
   * start-up work that services without virtual threads should not pay. Called on every tick and scrape.
   */
  void start() {
    if (Runtime.version().feature() < 21 || started.get() || !carrierThreadsExist() || !started.compareAndSet(false, true)) {
      return;
    }
    try {
      Class<?> type = Class.forName("jdk.jfr.consumer.RecordingStream");
      Object stream = type.getConstructor().newInstance();
      Method enable = type.getMethod("enable", String.class);
      Class<?> settings = Class.forName("jdk.jfr.EventSettings");
      Object pin = enable.invoke(stream, "jdk.VirtualThreadPinned");
      settings.getMethod("withThreshold", Duration.class).invoke(pin, Duration.ofMillis(20));
      settings.getMethod("withStackTrace").invoke(pin);
      enable.invoke(stream, "jdk.VirtualThreadStart");
      Method onEvent = type.getMethod("onEvent", String.class, Consumer.class);
      onEvent.invoke(stream, "jdk.VirtualThreadStart", (Consumer<RecordedEvent>) e -> starts.increment());
      onEvent.invoke(stream, "jdk.VirtualThreadPinned", (Consumer<RecordedEvent>) this::onPinned);
      type.getMethod("onFlush", Runnable.class).invoke(stream, (Runnable) () -> running = true);
      type.getMethod("setMaxAge", Duration.class).invoke(stream, Duration.ofSeconds(10));
      Method run = type.getMethod("start");
      // start() blocks: on a daemon thread of ours (startAsync's thread would keep the JVM from exiting).
      Thread reader = new Thread(() -> {
        try {
          run.invoke(stream);
        } catch (Throwable t) {
          failed(t);
        }
      }, "vigil-jfr");
      reader.setDaemon(true);
      reader.start();
    } catch (Throwable t) {
      failed(t);
    }
  }

  private static void failed(Throwable t) {
    AgentLog.once(AgentLog.Level.WARN, "jfr-virtual-threads", "cannot stream virtual-thread events from JFR;"
        + " vigil_jvm_virtual_threads_* are absent", t);
  }

  /** True once the JVM has a virtual-thread carrier (jdk.internal.misc.CarrierThread): a walk of the thread groups. */
  private static boolean carrierThreadsExist() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (threads[i].getClass().getName().equals("jdk.internal.misc.CarrierThread")) {
        return true;
      }
    }
    return false;
  }

  private void onPinned(RecordedEvent event) {
    pinned.increment();
    RecordedStackTrace stack = event.getStackTrace();
    if (stack == null || sites.size() >= MAX_SITES) {
      return;
    }
    List<RecordedFrame> frames = stack.getFrames();
    String site = null;
    StringBuilder key = new StringBuilder();
    int appFrames = 0;
    StringBuilder text = new StringBuilder();
    for (RecordedFrame f : frames) {
      String where = f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
      text.append("\n    at ").append(where);
      String type = f.getMethod().getType().getName();
      if (appFrames < 3 && !type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        site = site == null ? where : site;
        key.append(where).append(';'); // a site: the first three application frames (a shared helper is not one site)
        appFrames++;
      }
    }
    if (site != null && sites.add(key.toString())) {
      AgentLog.warn("virtual thread pinned to its carrier for " + event.getDuration().toMillis() + " ms at " + site
          + " (logged once per site):" + text);
    }
  }

  void collect(List<MetricFamily> out) {
    if (!running) {
      return;
    }
    out.add(MetricFamily.otel("vigil.jvm.virtual_threads.started", "{thread}", Type.COUNTER,
        "Virtual threads started (JFR jdk.VirtualThreadStart).", List.of(Point.value(Labels.EMPTY, starts.sum()))));
    out.add(MetricFamily.otel("vigil.jvm.virtual_threads.pinned", "{event}", Type.COUNTER,
        "Times a virtual thread blocked for 20 ms or more while pinned to its carrier (JFR jdk.VirtualThreadPinned).",
        List.of(Point.value(Labels.EMPTY, pinned.sum()))));
  }
}
