package dev.vigil.exporter.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The limits of {@link AgentHttpServer}, and the factory of its worker threads. Immutable. */
public final class ServerLimits {
  /** Deadlines of the defaults: a request fully read within 5 s of its first byte, the answer written within 10 s. */
  public static final long DEFAULT_READ_MILLIS = 5_000;
  public static final long DEFAULT_WRITE_MILLIS = 10_000;
  /** Request headers larger than this in total are answered 431 (the JDK server stops reading at 380 KiB itself). */
  public static final int MAX_HEADER_BYTES = 16 * 1024;
  /** Exchanges served at once; a slow client holds one until its deadline. */
  public static final int WORKERS = 4;
  /**
   * Exchanges waiting for a worker; past it a new connection is closed. Large enough for a burst: a client that drops a
   * thousand idle connections at once makes each readable (its end of stream is an exchange, over in microseconds), and
   * a scrape arriving among them must wait its turn, not be refused.
   */
  public static final int QUEUE = 1024;
  /** A worker with nothing to do ends after this long: between scrapes the server keeps no worker. */
  public static final long WORKER_KEEP_ALIVE_MILLIS = 2_000;

  final long readMillis;
  final long writeMillis;
  final ThreadFactory threads;

  private ServerLimits(long readMillis, long writeMillis, ThreadFactory threads) {
    this.readMillis = Math.max(1, readMillis);
    this.writeMillis = Math.max(1, writeMillis);
    this.threads = threads;
  }

  public static ServerLimits defaults() {
    return new ServerLimits(DEFAULT_READ_MILLIS, DEFAULT_WRITE_MILLIS, new DaemonThreads());
  }

  /** Deadlines for reading a whole request (from its first byte) and for producing and writing its answer. */
  public ServerLimits deadlines(long readMillis, long writeMillis) {
    return new ServerLimits(readMillis, writeMillis, threads);
  }

  /**
   * Where the workers come from. Their threads must be daemons; the agent's also mark themselves so that its own
   * instrumentation of {@code com.sun.net.httpserver} records nothing of this server.
   */
  public ServerLimits threads(ThreadFactory factory) {
    return new ServerLimits(readMillis, writeMillis, factory);
  }

  /** Daemon threads named {@code vigil-http-N}. */
  static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "vigil-http-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
