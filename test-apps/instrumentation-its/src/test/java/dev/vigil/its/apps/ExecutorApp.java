package dev.vigil.its.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real executors under controlled load, driven over HTTP. {@code /saturate}: the "orders-worker" pool (2 threads, a
 * queue of 3) gets 2 tasks held on a latch, 3 queued and 4 rejected; {@code /release} lets them finish.
 * {@code /context} runs {@link ContextProbe} (propagation and no leak across every kind of pool); {@code /pin} pins a
 * virtual thread (Java 21+). Pools are created in main, so their names come from the same places in every run.
 */
public final class ExecutorApp {
  private static final CountDownLatch HOLD = new CountDownLatch(1);
  private static ThreadPoolExecutor orders;
  private static ThreadPoolExecutor unnamed;

  public static void main(String[] args) throws Exception {
    orders = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(3), new PrefixFactory("orders-worker-"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4, new PrefixFactory("http-handler-")));
    server.createContext("/", ExecutorApp::handle);
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String body;
    int status = 200;
    try {
      body = route(exchange.getRequestURI().getPath());
    } catch (Exception e) {
      status = 500;
      body = e.toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String route(String path) throws Exception {
    switch (path) {
      case "/saturate": {
        CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
          orders.execute(() -> {
            started.countDown();
            await(HOLD);
          });
        }
        started.await();
        int rejected = 0;
        for (int i = 0; i < 7; i++) {
          try {
            orders.execute(() -> await(HOLD));
          } catch (RejectedExecutionException e) {
            rejected++;
          }
        }
        if (unnamed == null) { // created once the agent runs: named after this method, in every run
          unnamed = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        }
        unnamed.submit(() -> "done").get();
        return "rejected " + rejected;
      }
      case "/release":
        HOLD.countDown();
        while (orders.getCompletedTaskCount() < 5) {
          Thread.sleep(10);
        }
        return "completed " + orders.getCompletedTaskCount();
      case "/context":
        return ContextProbe.run();
      case "/priority":
        return priorityOrder();
      case "/vthreads":
        return VirtualThreads.warm();
      case "/pin":
        return VirtualThreads.pin();
      default:
        return "unknown " + path;
    }
  }

  /**
   * A pool whose PriorityBlockingQueue compares its tasks: an agent wrapper there would throw ClassCastException from
   * execute. One worker, held busy, so that the other tasks queue and run in priority order.
   */
  private static String priorityOrder() throws InterruptedException {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new PriorityBlockingQueue<>());
    StringBuffer order = new StringBuffer();
    CountDownLatch hold = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(4);
    pool.execute(new Ranked(0, () -> await(hold), done));
    for (int rank : new int[] {3, 1, 2}) {
      pool.execute(new Ranked(rank, () -> order.append(rank), done));
    }
    hold.countDown();
    done.await();
    pool.shutdown();
    return "order " + order;
  }

  static final class Ranked implements Runnable, Comparable<Ranked> {
    final int rank;
    final Runnable body;
    final CountDownLatch done;

    Ranked(int rank, Runnable body, CountDownLatch done) {
      this.rank = rank;
      this.body = body;
      this.done = done;
    }

    @Override
    public void run() {
      body.run();
      done.countDown();
    }

    @Override
    public int compareTo(Ranked other) {
      return Integer.compare(rank, other.rank);
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Names threads prefix + number, keeping the prefix in a field as most hand-written factories do. */
  static final class PrefixFactory implements ThreadFactory {
    private final String namePrefix;
    private final AtomicInteger n = new AtomicInteger();

    PrefixFactory(String namePrefix) {
      this.namePrefix = namePrefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, namePrefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
