package dev.vigil.its.apps;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Context across hand-offs, with the agent's real executor instrumentation: a test carrier (a plain thread-local,
 * installed on the agent's bootstrap bridge in place of OpenTelemetry's) makes "ctx-N" current on the submitting
 * thread; 10,000 tasks across a fixed pool, a cached pool, a scheduled pool, a ForkJoinPool, the common pool
 * (CompletableFuture stages, parallel streams) and virtual threads (21+) check they run under it. Then probes submitted
 * without a context check that no pooled thread kept one.
 */
final class ContextProbe {
  static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();
  private static final AtomicInteger RIGHT = new AtomicInteger();
  private static final AtomicInteger WRONG = new AtomicInteger();
  private static final AtomicInteger LEAKED = new AtomicInteger();

  private ContextProbe() {}

  static synchronized String run() throws Exception {
    installCarrier();
    ExecutorService fixed = Executors.newFixedThreadPool(3);
    ExecutorService cached = Executors.newCachedThreadPool();
    ScheduledExecutorService scheduled = Executors.newScheduledThreadPool(2);
    ForkJoinPool fj = new ForkJoinPool(3);
    ExecutorService virtual = VirtualThreads.executor();
    List<ExecutorService> pools = new ArrayList<>(List.of(fixed, cached, scheduled, fj));
    List<Future<?>> futures = new ArrayList<>();
    int tasks = 0;
    for (int i = 0; tasks < 10_000; i++) {
      String ctx = "ctx-" + i;
      CURRENT.set(ctx);
      try {
        futures.add(fixed.submit(check(ctx)));
        fixed.execute(check(ctx));
        futures.add(cached.submit((Callable<Object>) () -> { check(ctx).run(); return null; }));
        futures.add(scheduled.schedule(check(ctx), 1, TimeUnit.MILLISECONDS));
        futures.add(fj.submit(check(ctx)));
        futures.add(CompletableFuture.runAsync(check(ctx)));
        futures.add(CompletableFuture.supplyAsync(() -> 1).thenApplyAsync(x -> { check(ctx).run(); return x; }));
        tasks += 7;
        if (virtual != null) {
          futures.add(virtual.submit(check(ctx)));
          tasks++;
        }
        if (i % 100 == 0) {
          tasks += IntStream.range(0, 200).parallel().map(n -> { check(ctx).run(); return n; }).sum() >= 0 ? 200 : 0;
        }
      } finally {
        CURRENT.remove();
      }
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // execute()d tasks have no future to wait on
    while (RIGHT.get() + WRONG.get() < tasks && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    int probes = probeLeaks(pools) + probeCommonPool();
    for (ExecutorService p : pools) {
      p.shutdown();
    }
    return "tasks " + tasks + " right " + RIGHT.get() + " wrong " + WRONG.get() + " probes " + probes + " leaked "
        + LEAKED.get();
  }

  private static Runnable check(String expected) {
    return () -> (expected.equals(CURRENT.get()) ? RIGHT : WRONG).incrementAndGet();
  }

  private static Runnable leakProbe() {
    return () -> {
      if (CURRENT.get() != null) {
        LEAKED.incrementAndGet();
      }
    };
  }

  private static int probeLeaks(List<ExecutorService> pools) throws Exception {
    int n = 0;
    for (ExecutorService p : pools) {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        fs.add(p.submit(leakProbe()));
      }
      for (Future<?> f : fs) {
        f.get(30, TimeUnit.SECONDS);
        n++;
      }
    }
    return n;
  }

  private static int probeCommonPool() {
    List<CompletableFuture<Void>> fs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      fs.add(CompletableFuture.runAsync(leakProbe()));
    }
    CompletableFuture.allOf(fs.toArray(new CompletableFuture[0])).join();
    IntStream.range(0, 1000).parallel().forEach(i -> leakProbe().run());
    return 1200;
  }

  /** Replaces the agent's carrier on the bootstrap bridge by one over {@link #CURRENT} (reflection: not on our path). */
  private static void installCarrier() throws Exception {
    Class<?> carrier = Class.forName("dev.vigil.bootstrap.ContextCarrier", false, null);
    Class<?> bridge = Class.forName("dev.vigil.bootstrap.Bridge", false, null);
    Object proxy = Proxy.newProxyInstance(ContextProbe.class.getClassLoader(), new Class<?>[] {carrier},
        (p, m, a) -> invoke(m, a));
    bridge.getMethod("install", carrier).invoke(null, proxy);
  }

  private static Object invoke(Method m, Object[] a) {
    switch (m.getName()) {
      case "capture":
        return CURRENT.get();
      case "attach": {
        Object previous = CURRENT.get();
        CURRENT.set(a[0]);
        return new Object[] {previous};
      }
      case "restore":
        if (a[0] instanceof Object[]) {
          CURRENT.set(((Object[]) a[0])[0]);
        }
        return null;
      case "hashCode":
        return 1;
      case "equals":
        return false;
      default:
        return "test-carrier";
    }
  }
}
