package dev.vigil.agent.recording;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.BucketHistogram;
import dev.vigil.agent.signals.ConnectionPoolStats;
import dev.vigil.bootstrap.ConnectionPoolHandler;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection pools found when they start. Each is held weakly (a pool the application dropped disappears) and read on
 * scrape through the library's own monitoring interface, by reflection (the agent cannot link against the
 * application's copy of the library). Borrow waits are timed by the instrumentation. At most {@link #MAX_POOLS} pools.
 */
public final class ConnectionPoolRecorder implements ConnectionPoolHandler {
  static final int MAX_POOLS = 64;
  private static final int MAX_NAME = 128;
  private static final BucketHistogram.Bounds WAIT_BOUNDS =
      new BucketHistogram.Bounds(BucketHistogram.DB_BOUNDS_SECONDS);
  private volatile Pool[] pools = new Pool[0];
  private int unnamed; // guarded by this: pools without a name are pool-1, pool-2, ... (one series each)

  @Override
  public void started(Object pool, String name, Object config) {
    try {
      add(pool, name, config);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void closed(Object pool) {
    Pool p = find(pool);
    if (p != null) {
      remove(p);
    }
  }

  @Override
  public void acquired(Object pool, long startNanos, Throwable error) {
    try {
      Pool p = find(pool);
      if (p == null) {
        p = add(pool, String.valueOf(pool), configOf(pool)); // started before the agent: named by its toString
      }
      if (p != null) {
        p.wait.record(Math.max(0, System.nanoTime() - startNanos));
        if (error instanceof SQLTransientConnectionException
            || (error instanceof SQLException && error.getCause() instanceof NoSuchElementException)) { // DBCP2
          p.timeouts.increment();
        }
      }
    } catch (Throwable t) {
      failed(t);
    }
  }

  /** Live pools, for the metrics producer. */
  public List<? extends ConnectionPoolStats> pools() {
    List<Pool> live = new ArrayList<>();
    for (Pool p : pools) {
      if (p.alive()) {
        live.add(p);
      } else {
        remove(p);
      }
    }
    return live;
  }

  /** HikariCP keeps its configuration in PoolBase.config: read it so a pool found late still has its maximum. */
  private static Object configOf(Object pool) {
    for (Class<?> c = pool.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        java.lang.reflect.Field f = c.getDeclaredField("config");
        f.setAccessible(true);
        return f.get(pool);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (Exception | LinkageError e) {
        return null;
      }
    }
    return null;
  }

  private Pool find(Object pool) {
    for (Pool p : pools) {
      if (p.pool.get() == pool) {
        return p;
      }
    }
    return null;
  }

  private synchronized Pool add(Object pool, String name, Object config) {
    Pool existing = find(pool);
    if (existing != null || pools.length >= MAX_POOLS) {
      return existing;
    }
    String n = name == null || name.isEmpty() ? "pool-" + (++unnamed)
        : name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    Pool added = new Pool(pool, n, config);
    Pool[] next = Arrays.copyOf(pools, pools.length + 1);
    next[pools.length] = added;
    pools = next;
    return added;
  }

  private synchronized void remove(Pool p) {
    List<Pool> next = new ArrayList<>(Arrays.asList(pools));
    next.remove(p);
    pools = next.toArray(new Pool[0]);
  }

  private static void failed(Throwable t) {
    AgentLog.once(AgentLog.Level.WARN, "pool-recorder:" + t.getClass().getName(),
        "reading a connection pool failed; the pool itself is unaffected", t);
  }

  /**
   * One pool: HikariCP's HikariPoolMXBean and HikariConfigMXBean methods, or DBCP2's DataSourceMXBean (the data source
   * is its own configuration), looked up once.
   */
  private static final class Pool implements ConnectionPoolStats {
    final WeakReference<Object> pool;
    final WeakReference<Object> config;
    final String name;
    final BucketHistogram wait = new BucketHistogram(WAIT_BOUNDS);
    final LongAdder timeouts = new LongAdder();
    private final Method active;
    private final Method idle;
    private final Method waiting;
    private final Method max;
    private static final String DBCP2 = "org.apache.commons.dbcp2.BasicDataSourceMXBean";

    Pool(Object pool, String name, Object config) {
      this.pool = new WeakReference<>(pool);
      this.config = new WeakReference<>(config);
      this.name = name;
      this.active = either(method(pool, "com.zaxxer.hikari.HikariPoolMXBean", "getActiveConnections"),
          method(pool, DBCP2, "getNumActive"));
      this.idle = either(method(pool, "com.zaxxer.hikari.HikariPoolMXBean", "getIdleConnections"),
          method(pool, DBCP2, "getNumIdle"));
      this.waiting = method(pool, "com.zaxxer.hikari.HikariPoolMXBean", "getThreadsAwaitingConnection");
      this.max = config == null ? null : either(method(config, "com.zaxxer.hikari.HikariConfigMXBean",
          "getMaximumPoolSize"), method(config, DBCP2, "getMaxTotal"));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean alive() {
      return pool.get() != null;
    }

    @Override
    public int used() {
      return read(pool.get(), active);
    }

    @Override
    public int idle() {
      return read(pool.get(), idle);
    }

    @Override
    public int max() {
      return read(config.get(), max);
    }

    @Override
    public int pending() {
      return read(pool.get(), waiting);
    }

    @Override
    public BucketHistogram waitTime() {
      return wait;
    }

    @Override
    public long timeouts() {
      return timeouts.sum();
    }

    private static Method either(Method first, Method second) {
      return first != null ? first : second;
    }

    /** The method as declared by a public interface of the object (reachable even from a named module). */
    private static Method method(Object target, String interfaceName, String name) {
      for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
        for (Class<?> i : c.getInterfaces()) {
          if (i.getName().equals(interfaceName)) {
            try {
              return i.getMethod(name);
            } catch (NoSuchMethodException e) {
              return null;
            }
          }
        }
      }
      return null;
    }

    private static int read(Object target, Method m) {
      if (target == null || m == null) {
        return -1;
      }
      try {
        return ((Number) m.invoke(target)).intValue();
      } catch (Exception e) {
        return -1;
      }
    }
  }
}
