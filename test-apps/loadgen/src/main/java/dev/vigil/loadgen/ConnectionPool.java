package dev.vigil.loadgen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open model's senders: one thread per keep-alive connection. At most {@code connections} requests are
 * outstanding; past that {@link #tryStart} refuses at once (the schedule counts it late) rather than wait.
 */
final class ConnectionPool implements OpenLoop.Dispatcher {
  private static final Ticket STOP = new Ticket(-1, -1, 0);

  private final Clock clock;
  private final Targets targets;
  private final Results results;
  private final RequestSpec spec;
  private final int connections;
  private final BlockingQueue<Ticket> queue;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final List<Thread> workers = new ArrayList<>();

  ConnectionPool(Clock clock, Targets targets, Results results, RequestSpec spec, int connections) {
    this.clock = clock;
    this.targets = targets;
    this.results = results;
    this.spec = spec;
    this.connections = connections;
    this.queue = new ArrayBlockingQueue<>(connections + 1);
    for (int i = 0; i < connections; i++) {
      Thread t = new Thread(this::work, "loadgen-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
  }

  @Override
  public boolean tryStart(long seq, int target, long intendedNanos) {
    if (outstanding.incrementAndGet() > connections) {
      outstanding.decrementAndGet();
      return false;
    }
    queue.add(new Ticket(seq, target, intendedNanos));
    return true;
  }

  /** Waits for outstanding requests (up to {@code timeoutMillis}), then stops the senders. */
  void finish(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (outstanding.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    for (int i = 0; i < workers.size(); i++) {
      queue.offer(STOP); // a sender still blocked on a response gets interrupted below
    }
    for (Thread t : workers) {
      t.join(100);
      t.interrupt();
    }
  }

  private void work() {
    Map<String, HttpConnection> open = new HashMap<>();
    try {
      while (true) {
        Ticket ticket = queue.take();
        if (ticket == STOP) {
          return;
        }
        Target target = targets.all().get(ticket.target);
        boolean ok;
        try {
          HttpConnection c = open.computeIfAbsent(target.host + ":" + target.port,
              k -> new HttpConnection(target.host, target.port));
          ok = spec.ok(c.request(target.method, target.pathFor(ticket.seq, spec.idRange), spec.body));
        } catch (IOException | RuntimeException e) {
          ok = false;
        }
        results.complete(ticket.target, ticket.intendedNanos, clock.nanoTime(), ok);
        outstanding.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.values().forEach(HttpConnection::close);
    }
  }

  private static final class Ticket {
    final long seq;
    final int target;
    final long intendedNanos;

    Ticket(long seq, int target, long intendedNanos) {
      this.seq = seq;
      this.target = target;
      this.intendedNanos = intendedNanos;
    }
  }
}
