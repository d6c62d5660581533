package org.example.redeploy.webapp;

import ch.qos.logback.classic.LoggerContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * What a well-behaved webapp does at deploy and undeploy: its own thread pool is created, then shut down; its JDBC
 * driver is deregistered and its Logback stopped. Whatever still holds the webapp's class loader after this is a leak.
 */
public final class Lifecycle implements ServletContextListener {
  static final String POOL = "redeploy.pool";
  private static final String THREADS = "redeploy.pool.threads";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    try {
      // DriverManager loads drivers through ServiceLoader once per JVM: each new deployment registers its own
      Class.forName("org.h2.Driver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    AtomicInteger n = new AtomicInteger();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "webapp-pool-" + n.incrementAndGet());
      threads.add(t);
      return t;
    });
    event.getServletContext().setAttribute(POOL, pool);
    event.getServletContext().setAttribute(THREADS, threads);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void contextDestroyed(ServletContextEvent event) {
    ExecutorService pool = (ExecutorService) event.getServletContext().getAttribute(POOL);
    pool.shutdownNow();
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
      for (Thread t : (List<Thread>) event.getServletContext().getAttribute(THREADS)) {
        t.join(30_000); // terminated is not yet dead: Tomcat checks right after this method
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ClassLoader mine = Lifecycle.class.getClassLoader();
    for (Driver d : Collections.list(DriverManager.getDrivers())) {
      if (d.getClass().getClassLoader() == mine) {
        try {
          DriverManager.deregisterDriver(d);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
  }
}
