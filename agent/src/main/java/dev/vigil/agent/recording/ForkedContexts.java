package dev.vigil.agent.recording;

import dev.vigil.bootstrap.Bridge;

/**
 * The context a ForkJoinTask was forked or submitted under, kept (weakly, capped) until the task runs: ForkJoinTasks
 * cannot be wrapped (parallel streams and pools call them directly). Until the first task is forked under a context,
 * a run costs one volatile read.
 */
final class ForkedContexts {
  private static final int CAP = 100_000;
  private final WeakIdentityMap<Object, Object> contexts = new WeakIdentityMap<>(CAP);
  private volatile boolean used;

  void put(Object task) {
    Object context = Bridge.context().capture();
    if (context != null && task != null) {
      used = true;
      contexts.put(task, context);
    }
  }

  /** Attaches the task's context; returns the token for ContextCarrier.restore, or null. */
  Object attach(Object task) {
    if (!used || task == null) {
      return null;
    }
    Object context = contexts.remove(task);
    return context == null ? null : Bridge.context().attach(context);
  }

  long dropped() {
    return contexts.dropped();
  }
}
