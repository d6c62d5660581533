package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Series of one side's RPC duration metric ({@code rpc.server.call.duration} or {@code rpc.client.call.duration}), one
 * per (system, method, status code). Methods come from service definitions, yet a generic proxy or a fallback registry
 * can name any: past {@code maxSeries} new label sets fold into {@code _other}, counted by {@link #folded()}.
 */
public final class RpcRegistry {
  public static final String OTHER = "_other";

  private final Map<Key, RpcSeries> series = new ConcurrentHashMap<>();
  private final LongAdder folded = new LongAdder();
  private final int maxSeries;

  public RpcRegistry(int maxSeries) {
    this.maxSeries = Math.max(1, maxSeries);
  }

  /** The series for these labels; {@code statusCode} is the numeric gRPC status, {@code error} whether it is one. */
  public RpcSeries series(String system, String method, int statusCode, boolean error) {
    Key key = new Key(system, method, statusCode, error);
    RpcSeries found = series.get(key);
    return found != null ? found : create(key);
  }

  public List<RpcSeries> all() {
    return new ArrayList<>(series.values());
  }

  public long folded() {
    return folded.sum();
  }

  private synchronized RpcSeries create(Key key) {
    RpcSeries existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (series.size() >= maxSeries) {
      folded.increment();
      key = new Key(key.system, OTHER, key.status, key.error);
      existing = series.get(key);
      if (existing != null) {
        return existing;
      }
    }
    RpcSeries created = new RpcSeries(key.system, key.method, key.status, key.error);
    series.put(key, created);
    return created;
  }

  private static final class Key {
    final String system;
    final String method;
    final int status;
    final boolean error;

    Key(String system, String method, int status, boolean error) {
      this.system = system;
      this.method = method;
      this.status = status;
      this.error = error;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return status == k.status && error == k.error && method.equals(k.method) && system.equals(k.system);
    }

    @Override
    public int hashCode() {
      return (system.hashCode() * 31 + method.hashCode()) * 31 + status * 2 + (error ? 1 : 0);
    }
  }
}
