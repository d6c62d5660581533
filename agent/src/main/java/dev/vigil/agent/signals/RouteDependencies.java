package dev.vigil.agent.signals;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where one endpoint's requests spend time outside their own code: per SQL statement and per outbound host, counts and
 * durations since start. Small copy-on-write tables found by a linear scan (identity first), so a warm record allocates
 * nothing; past {@link #MAX_STATEMENTS} statements or {@link #MAX_HOSTS} hosts, new ones fold into one {@code _other}
 * entry. Each entry is about 250 bytes.
 */
public final class RouteDependencies {
  public static final int MAX_STATEMENTS = 16;
  public static final int MAX_HOSTS = 8;
  public static final String OTHER = "_other";

  private volatile Entry[] statements = new Entry[0];
  private volatile Entry[] hosts = new Entry[0];

  /** App thread: one statement ran for {@code nanos}; {@code key} is the recorder's per-statement object. */
  public void statement(Object key, String system, String text, long nanos) {
    Entry e = find(statements, key, text, 0);
    (e != null ? e : addStatement(key, system, text)).record(nanos);
  }

  /** App (or client) thread: one outbound call to {@code host:port} took {@code nanos}. */
  public void outbound(String address, int port, long nanos) {
    String host = address == null ? "" : address;
    Entry e = find(hosts, null, host, port);
    (e != null ? e : addHost(host, port)).record(nanos);
  }

  public List<Entry> statements() {
    return Arrays.asList(statements);
  }

  public List<Entry> hosts() {
    return Arrays.asList(hosts);
  }

  private static Entry find(Entry[] table, Object key, String name, int port) {
    if (key != null) {
      for (Entry e : table) {
        if (e.key == key) {
          return e;
        }
      }
    }
    for (Entry e : table) {
      if (e.port == port && e.name.equals(name)) {
        return e;
      }
    }
    return null;
  }

  private synchronized Entry addStatement(Object key, String system, String text) {
    Entry e = find(statements, key, text, 0);
    if (e != null) {
      return e;
    }
    if (statements.length >= MAX_STATEMENTS) {
      Entry other = find(statements, null, OTHER, 0);
      if (other != null) {
        return other;
      }
      key = null;
      text = OTHER;
    }
    e = new Entry(key, system, text, 0);
    statements = append(statements, e);
    return e;
  }

  private synchronized Entry addHost(String host, int port) {
    Entry e = find(hosts, null, host, port);
    if (e != null) {
      return e;
    }
    if (hosts.length >= MAX_HOSTS) {
      Entry other = find(hosts, null, OTHER, 0);
      if (other != null) {
        return other;
      }
      host = OTHER;
      port = 0;
    }
    e = new Entry(null, null, host, port);
    hosts = append(hosts, e);
    return e;
  }

  private static Entry[] append(Entry[] table, Entry e) {
    Entry[] next = Arrays.copyOf(table, table.length + 1);
    next[table.length] = e;
    return next;
  }

  /** One statement (name = sanitized SQL) or host (name = address, with its port). */
  public static final class Entry {
    final Object key;
    public final String system;
    public final String name;
    public final int port;
    private final LongAdder nanos = new LongAdder();
    private final BucketHistogram histogram = new BucketHistogram(DbOperationRegistry.BOUNDS);

    Entry(Object key, String system, String name, int port) {
      this.key = key;
      this.system = system;
      this.name = name;
      this.port = port;
    }

    void record(long n) {
      nanos.add(n);
      histogram.record(n);
    }

    public long count() {
      return histogram.count();
    }

    public long totalNanos() {
      return nanos.sum();
    }

    public BucketHistogram histogram() {
      return histogram;
    }
  }
}
