package dev.vigil.shop.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.shop.ShopConfig;
import dev.vigil.shop.cache.ProductCache;
import dev.vigil.shop.db.Database;
import dev.vigil.shop.db.OrderRepository;
import dev.vigil.shop.db.ProductRepository;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HttpServer with the shop's routes, served by a fixed pool of worker threads. */
public final class ShopServer {
  private final HttpServer server;
  private final ExecutorService workers;
  private final ProductCache cache;

  private ShopServer(HttpServer server, ExecutorService workers, ProductCache cache) {
    this.server = server;
    this.workers = workers;
    this.cache = cache;
  }

  public static ShopServer start(ShopConfig config, Database db) throws IOException {
    // The JDK server leaves Nagle on: each small response would wait ~40 ms for the client's delayed ACK.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(config.host, config.port), 128);
    ExecutorService workers = Executors.newFixedThreadPool(config.workerThreads, named("shop-worker-"));
    server.setExecutor(workers);
    ProductCache cache = config.redis == null ? null : ProductCache.connect(config.redis);
    ProductRepository products = new ProductRepository(db);
    DelayFilter delay = new DelayFilter(config.delays);
    route(server, "/products", new ProductsHandler(products, cache), delay);
    route(server, "/stock-report", new StockReportHandler(products), delay);
    route(server, "/orders", new OrdersHandler(new OrderRepository(db)), delay);
    route(server, "/slow", new SlowHandler(), delay);
    route(server, "/error", new ErrorHandler(), delay);
    route(server, "/cpu", new CpuHandler(), delay);
    server.start();
    return new ShopServer(server, workers, cache);
  }

  private static void route(HttpServer server, String path, HttpHandler handler, DelayFilter delay) {
    java.util.List<com.sun.net.httpserver.Filter> filters = server.createContext(path, handler).getFilters();
    filters.add(new ErrorFilter());
    if (delay.any()) {
      filters.add(delay);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    server.stop(1);
    workers.shutdown();
    if (cache != null) {
      cache.close();
    }
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> new Thread(r, prefix + n.incrementAndGet());
  }
}
