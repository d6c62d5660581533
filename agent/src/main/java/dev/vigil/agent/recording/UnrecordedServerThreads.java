package dev.vigil.agent.recording;

import dev.vigil.bootstrap.CallDepth;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads for the agent's own HTTP endpoint. The endpoint runs on the JDK's {@code com.sun.net.httpserver}, which
 * Vigil instruments; each of these threads holds one level of {@link CallDepth#HTTP_SERVER} for its whole life, so the
 * server instrumentation takes every exchange on it for an inner call and records no series and no span.
 */
public final class UnrecordedServerThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  public UnrecordedServerThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(new Unrecorded(r), prefix + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  private static final class Unrecorded implements Runnable {
    private final Runnable work;

    Unrecorded(Runnable work) {
      this.work = work;
    }

    @Override
    public void run() {
      CallDepth.enter(CallDepth.HTTP_SERVER);
      work.run();
    }
  }
}
