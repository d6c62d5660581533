package dev.vigil.loadgen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The closed model, for maximum throughput: {@code connections} threads, each sending its next request as soon as the
 * previous one is answered. Latencies here are service times under saturation, not what users at a given rate see.
 */
final class ClosedLoop {
  private final Clock clock;
  private final Targets targets;
  private final Results results;
  private final RequestSpec spec;
  private final AtomicLong seq = new AtomicLong();

  ClosedLoop(Clock clock, Targets targets, Results results, RequestSpec spec) {
    this.clock = clock;
    this.targets = targets;
    this.results = results;
    this.spec = spec;
  }

  /** Runs until {@code endNanos}; returns when every connection has had its last answer. */
  void run(int connections, long endNanos) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(() -> work(endNanos), "loadgen-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  private void work(long endNanos) {
    Map<String, HttpConnection> open = new HashMap<>();
    try {
      long start;
      while ((start = clock.nanoTime()) < endNanos) {
        long n = seq.getAndIncrement();
        int index = targets.pick(n);
        Target target = targets.all().get(index);
        boolean ok;
        try {
          HttpConnection c = open.computeIfAbsent(target.host + ":" + target.port,
              k -> new HttpConnection(target.host, target.port));
          ok = spec.ok(c.request(target.method, target.pathFor(n, spec.idRange), spec.body));
        } catch (IOException | RuntimeException e) {
          ok = false;
        }
        results.complete(index, start, clock.nanoTime(), ok);
      }
    } finally {
      open.values().forEach(HttpConnection::close);
    }
  }
}
