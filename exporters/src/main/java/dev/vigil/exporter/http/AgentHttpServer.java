package dev.vigil.exporter.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The agent's endpoint for its read-only paths (/metrics, /vigil/...), on the JDK's {@code com.sun.net.httpserver} as
 * the Prometheus Java client serves its own: one selector thread accepts and watches every connection (idle ones cost
 * no thread), {@link ExchangeDeadlines} serves the exchanges on a few short-lived workers with a deadline each, and
 * {@link EndpointHandler} answers. The server's dispatcher thread takes its daemon flag from the thread that starts it,
 * so it is started from a daemon thread: it never keeps the application's JVM alive. No {@code sun.net.httpserver.*}
 * property is set: they are read once per JVM and would change the application's own HttpServer too.
 */
public final class AgentHttpServer {
  private static final long START_TIMEOUT_MILLIS = 30_000;
  private static final int BACKLOG = 50;
  private static final String THREAD_PREFIX = "vigil-http-";
  private final HttpServer server;
  private final ExchangeDeadlines deadlines;

  private AgentHttpServer(HttpServer server, ExchangeDeadlines deadlines) {
    this.server = server;
    this.deadlines = deadlines;
  }

  /** Binds and starts serving with the default limits. Throws IOException (the port is in use, say). */
  public static AgentHttpServer start(String host, int port, Map<String, HttpEndpoint> endpoints) throws IOException {
    return start(host, port, endpoints, ServerLimits.defaults());
  }

  /** Binds and starts serving. Throws IOException (the port is in use, say) and then leaves no thread behind. */
  public static AgentHttpServer start(String host, int port, Map<String, HttpEndpoint> endpoints, ServerLimits limits)
      throws IOException {
    ExchangeDeadlines deadlines = new ExchangeDeadlines(limits);
    Starter starter = new Starter(new InetSocketAddress(InetAddress.getByName(host), port),
        new EndpointHandler(new HashMap<>(endpoints), deadlines), deadlines);
    ThreadGroup group = new ThreadGroup(THREAD_PREFIX + "group");
    Thread t = new Thread(group, starter, THREAD_PREFIX + "start");
    t.setDaemon(true);
    t.start();
    try {
      t.join(START_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    HttpServer server = starter.outcome();
    if (server == null) {
      deadlines.shutdown();
      throw starter.failure != null ? starter.failure
          : new IOException("the HTTP server did not start within " + START_TIMEOUT_MILLIS + " ms");
    }
    nameThreads(group);
    return new AgentHttpServer(server, deadlines);
  }

  /** The JDK server's own threads (dispatcher, idle timer) say whose they are in a thread dump. */
  private static void nameThreads(ThreadGroup group) {
    Thread[] threads = new Thread[group.activeCount() + 8];
    int n = group.enumerate(threads, false);
    for (int i = 0; i < n; i++) {
      if (!threads[i].getName().startsWith(THREAD_PREFIX)) {
        threads[i].setName(THREAD_PREFIX + threads[i].getName());
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops at once: open connections are closed, the workers and the dispatcher end. */
  public void stop() {
    server.stop(0);
    deadlines.shutdown();
  }

  /** Exchanges being served or waiting for a worker. */
  int busy() {
    return deadlines.busy();
  }

  /**
   * Creates and starts the server on a daemon thread of the server's own group: the JDK server's dispatcher takes its
   * daemon flag and group from the thread that starts it, its idle timer its group from the thread that creates it.
   */
  private static final class Starter implements Runnable {
    private final InetSocketAddress address;
    private final EndpointHandler handler;
    private final ExchangeDeadlines deadlines;
    private HttpServer server;
    private IOException failure;
    private boolean abandoned;

    Starter(InetSocketAddress address, EndpointHandler handler, ExchangeDeadlines deadlines) {
      this.address = address;
      this.handler = handler;
      this.deadlines = deadlines;
    }

    @Override
    public void run() {
      HttpServer created = null;
      try {
        created = HttpServer.create(address, BACKLOG);
        created.setExecutor(deadlines);
        created.createContext("/", handler);
        created.start();
      } catch (IOException | RuntimeException | Error e) {
        if (created != null) {
          created.stop(0); // bound but not serving: free the port and the idle timer
        }
        fail(e instanceof IOException ? (IOException) e : new IOException("the HTTP server could not start: " + e, e));
        return;
      }
      synchronized (this) {
        if (abandoned) {
          created.stop(0); // the caller gave up waiting
        } else {
          server = created;
        }
      }
    }

    private synchronized void fail(IOException e) {
      failure = e;
    }

    /** The started server, or null (then {@link #failure} says why, unless it is still starting: abandoned then). */
    synchronized HttpServer outcome() {
      abandoned = server == null;
      return server;
    }
  }
}
