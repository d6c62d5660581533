package dev.vigil.agent.overhead;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the JVM's threads since the last call, in two parts: the agent's own threads (all their CPU) and every
 * other Java thread (user-mode CPU only: the share that JFR's execution samples can split between agent and
 * application code, see {@link AgentCpuMeter}). A thread is the agent's when its name starts with one of the given
 * prefixes. Names are looked up once per thread id, without a safepoint ({@code getThreadInfo} with no stack).
 * A thread that ended between two calls loses its last interval: the figures err low by that much.
 */
final class ThreadCpuTally {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.ThreadMXBean batch = threads instanceof com.sun.management.ThreadMXBean
      ? (com.sun.management.ThreadMXBean) threads : null;
  private final List<String> agentPrefixes;
  private Map<Long, Seen> seen = new HashMap<>();
  long agentNanos;
  long appUserNanos;

  ThreadCpuTally(List<String> agentPrefixes) {
    this.agentPrefixes = agentPrefixes;
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  static boolean supported() {
    return ManagementFactory.getThreadMXBean().isThreadCpuTimeSupported();
  }

  /** Sets {@link #agentNanos} and {@link #appUserNanos} to the CPU used since the previous call. */
  void sample() {
    long[] ids = threads.getAllThreadIds();
    long[] cpu;
    long[] user;
    if (batch != null) {
      cpu = batch.getThreadCpuTime(ids);
      user = batch.getThreadUserTime(ids);
    } else {
      cpu = new long[ids.length];
      user = new long[ids.length];
      for (int i = 0; i < ids.length; i++) {
        cpu[i] = threads.getThreadCpuTime(ids[i]);
        user[i] = threads.getThreadUserTime(ids[i]);
      }
    }
    nameNewThreads(ids);
    Map<Long, Seen> next = new HashMap<>(ids.length * 2);
    long agent = 0;
    long app = 0;
    for (int i = 0; i < ids.length; i++) {
      Seen s = seen.get(ids[i]);
      if (s == null || cpu[i] < 0) {
        continue; // no name (ended before it was looked up) or no longer alive
      }
      if (s.agent) {
        agent += Math.max(0, cpu[i] - s.cpu);
      } else {
        app += Math.max(0, user[i] - s.user);
      }
      s.cpu = cpu[i];
      s.user = user[i];
      next.put(ids[i], s);
    }
    seen = next;
    agentNanos = agent;
    appUserNanos = app;
  }

  private void nameNewThreads(long[] ids) {
    int fresh = 0;
    for (long id : ids) {
      if (!seen.containsKey(id)) {
        fresh++;
      }
    }
    if (fresh == 0) {
      return;
    }
    long[] newIds = new long[fresh];
    int n = 0;
    for (long id : ids) {
      if (!seen.containsKey(id)) {
        newIds[n++] = id;
      }
    }
    for (ThreadInfo info : threads.getThreadInfo(newIds, 0)) {
      if (info != null) {
        seen.put(info.getThreadId(), new Seen(isAgent(info.getThreadName())));
      }
    }
  }

  boolean isAgent(String name) {
    for (String prefix : agentPrefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** A thread's CPU so far; a new thread starts at 0, so its first interval counts whole. */
  private static final class Seen {
    final boolean agent;
    long cpu;
    long user;

    Seen(boolean agent) {
      this.agent = agent;
    }
  }
}
