package dev.vigil.agent.overhead;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Counts JFR {@code jdk.ExecutionSample} events of the application's threads (Java code running, sampled every
 * {@link #PERIOD} without a safepoint), and how many of them were in the agent's code ({@link AgentFrames}). Read from
 * an in-process stream (RecordingStream, Java 14+, reached by reflection: the agent is built for Java 11) with only
 * that event enabled. {@link #run} blocks on the calling thread and calls {@code onFlush} about once a second, on
 * the same thread: the counters need no synchronisation.
 */
final class ExecutionSamples {
  static final Duration PERIOD = Duration.ofMillis(10);
  private final Predicate<String> agentThread;
  long applicationSamples;
  long agentSamples;
  private String[] types = new String[64]; // JFR's default stack depth; reused: one reading thread
  private String[] methods = new String[64];

  ExecutionSamples(Predicate<String> agentThread) {
    this.agentThread = agentThread;
  }

  /** Whether this JVM can stream JFR events in-process (Java 14+ with the jdk.jfr module). */
  static boolean available() {
    try {
      Class.forName("jdk.jfr.consumer.RecordingStream");
      return true;
    } catch (Throwable t) {
      return false;
    }
  }

  /** Streams samples until the JVM exits; throws if JFR refuses (then the caller goes on without samples). */
  void run(Runnable onFlush) throws Exception {
    Class<?> type = Class.forName("jdk.jfr.consumer.RecordingStream");
    Object stream = type.getConstructor().newInstance();
    Object settings = type.getMethod("enable", String.class).invoke(stream, "jdk.ExecutionSample");
    Class.forName("jdk.jfr.EventSettings").getMethod("withPeriod", Duration.class).invoke(settings, PERIOD);
    type.getMethod("onEvent", String.class, Consumer.class)
        .invoke(stream, "jdk.ExecutionSample", (Consumer<RecordedEvent>) this::count);
    type.getMethod("onFlush", Runnable.class).invoke(stream, onFlush);
    type.getMethod("setMaxAge", Duration.class).invoke(stream, Duration.ofSeconds(10)); // bounds JFR's disk use
    type.getMethod("setReuse", boolean.class).invoke(stream, true); // one event object, refilled: less garbage
    type.getMethod("setOrdered", boolean.class).invoke(stream, false); // counts need no time order
    Method start = type.getMethod("start");
    start.invoke(stream);
  }

  private void count(RecordedEvent event) {
    RecordedThread thread = event.getThread("sampledThread");
    String name = thread == null ? null : thread.getJavaName();
    if (name != null && agentThread.test(name)) {
      return; // the agent's own threads are measured whole, by their CPU time
    }
    applicationSamples++;
    if (inAgent(event.getStackTrace())) {
      agentSamples++;
    }
  }

  private boolean inAgent(RecordedStackTrace stack) {
    if (stack == null) {
      return false;
    }
    List<RecordedFrame> frames = stack.getFrames();
    if (frames.size() > types.length) {
      types = new String[frames.size()];
      methods = new String[frames.size()];
    }
    int n = 0;
    for (RecordedFrame frame : frames) {
      RecordedMethod method = frame.getMethod();
      if (method != null) {
        types[n] = method.getType().getName();
        methods[n++] = method.getName();
      }
    }
    return AgentFrames.inAgent(types, methods, n);
  }
}
