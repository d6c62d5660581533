package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Series of {@code http.client.request.duration}, with two caps: at most {@code maxAddresses} distinct server addresses
 * (later ones become {@code _other}, without a port), and at most {@code maxSeries} series in all (past it, everything
 * new folds into one {@code _other} series per method). {@link #folded()} counts the requests' series folded by either.
 */
public final class HttpClientRegistry {
  public static final String OTHER = "_other";

  private final Map<Key, HttpClientSeries> series = new ConcurrentHashMap<>();
  private final Map<String, Boolean> addresses = new ConcurrentHashMap<>();
  private final LongAdder folded = new LongAdder();
  private final int maxAddresses;
  private final int maxSeries;

  public HttpClientRegistry(int maxAddresses, int maxSeries) {
    this.maxAddresses = Math.max(1, maxAddresses);
    this.maxSeries = Math.max(1, maxSeries);
  }

  /** The series for these labels (null error type means none), created on first use or folded past a cap. */
  public HttpClientSeries series(String method, String address, int port, int status, String errorType) {
    String m = HttpMethods.NAMES[HttpMethods.index(method)];
    Key key = new Key(m, address == null ? "" : address, port, status, errorType);
    HttpClientSeries found = series.get(key);
    return found != null ? found : create(key);
  }

  public List<HttpClientSeries> all() {
    return new ArrayList<>(series.values());
  }

  public long folded() {
    return folded.sum();
  }

  private synchronized HttpClientSeries create(Key key) {
    HttpClientSeries existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (!addresses.containsKey(key.address)) {
      if (addresses.size() >= maxAddresses) {
        folded.increment();
        return find(new Key(key.method, OTHER, 0, key.status, key.errorType));
      }
      addresses.put(key.address, Boolean.TRUE);
    }
    return find(key);
  }

  private HttpClientSeries find(Key key) {
    HttpClientSeries existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (series.size() >= maxSeries) {
      folded.increment();
      key = new Key(key.method, OTHER, 0, 0, OTHER);
      existing = series.get(key);
      if (existing != null) {
        return existing;
      }
    }
    HttpClientSeries created = new HttpClientSeries(key.method, key.address, key.port, key.status, key.errorType);
    series.put(key, created);
    return created;
  }

  private static final class Key {
    final String method;
    final String address;
    final int port;
    final int status;
    final String errorType;
    final int hash;

    Key(String method, String address, int port, int status, String errorType) {
      this.method = method;
      this.address = address;
      this.port = port;
      this.status = status;
      this.errorType = errorType;
      this.hash = (((method.hashCode() * 31 + address.hashCode()) * 31 + port) * 31 + status) * 31
          + (errorType == null ? 0 : errorType.hashCode());
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return hash == k.hash && port == k.port && status == k.status && method.equals(k.method)
          && address.equals(k.address) && Objects.equals(errorType, k.errorType);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
