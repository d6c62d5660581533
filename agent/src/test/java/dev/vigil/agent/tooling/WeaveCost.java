package dev.vigil.agent.tooling;

import dev.vigil.agent.instrumentation.InstrumentationModules;
import java.io.InputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;

/**
 * What ByteBuddy costs the agent's start-up, in this thread's CPU time and classes loaded: building the instrumentations'
 * matchers, the weaver, then weaving JDK classes (default: the executors') cold, round after round until warm. Run by
 * hand with the agent's test class path: {@code java -cp ... dev.vigil.agent.tooling.WeaveCost [internal/Name ...]}.
 */
public final class WeaveCost {
  private WeaveCost() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long loaded = classes.getTotalLoadedClassCount();
    Instrumentations instrumentations = new Instrumentations(new ArrayList<>(InstrumentationModules.all()));
    System.out.printf("matchers: %.1f ms CPU, %d classes%n", (threads.getCurrentThreadCpuTime() - cpu) / 1e6,
        classes.getTotalLoadedClassCount() - loaded);
    cpu = threads.getCurrentThreadCpuTime();
    loaded = classes.getTotalLoadedClassCount();
    Weaver weaver = new Weaver();
    System.out.printf("weaver: %.1f ms CPU, %d classes%n", (threads.getCurrentThreadCpuTime() - cpu) / 1e6,
        classes.getTotalLoadedClassCount() - loaded);
    String[] names = args.length > 0 ? args : new String[] {"java/util/concurrent/ThreadPoolExecutor",
        "java/util/concurrent/ForkJoinPool", "java/util/concurrent/ScheduledThreadPoolExecutor",
        "java/util/concurrent/ForkJoinTask"};
    byte[][] files = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      try (InputStream in = ClassLoader.getSystemResourceAsStream(names[i] + ".class")) {
        files[i] = in.readAllBytes();
      }
    }
    for (int round = 0; round < 30; round++) {
      StringBuilder line = new StringBuilder("round " + round + ":");
      for (int i = 0; i < names.length; i++) {
        cpu = threads.getCurrentThreadCpuTime();
        loaded = classes.getTotalLoadedClassCount();
        Instrumentations.Entry[] candidates = instrumentations.candidates(null, names[i], files[i]);
        byte[] woven = candidates == null ? null : weaver.weave(null, names[i].replace('/', '.'), files[i], candidates);
        line.append(String.format(" %s %.1f ms CPU, %d classes (%d B)",
            names[i].substring(names[i].lastIndexOf('/') + 1), (threads.getCurrentThreadCpuTime() - cpu) / 1e6,
            classes.getTotalLoadedClassCount() - loaded, woven == null ? 0 : woven.length));
      }
      System.out.println(line);
    }
  }
}
