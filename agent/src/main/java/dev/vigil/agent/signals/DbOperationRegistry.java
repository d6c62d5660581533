package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Series of {@code db.client.operation.duration}, capped: past the cap a new (system, operation, table, error) folds its
 * table into {@code _other}, and past twice the cap everything folds into one {@code _other} series; {@link #folded()}
 * counts both. Recorders resolve a series once per distinct statement and keep it, so this map is off the hot path.
 */
public final class DbOperationRegistry {
  public static final String OTHER = "_other";
  static final BucketHistogram.Bounds BOUNDS = new BucketHistogram.Bounds(BucketHistogram.DB_BOUNDS_SECONDS);

  private final Map<Key, DbOperationSeries> series = new ConcurrentHashMap<>();
  private final LongAdder folded = new LongAdder();
  private final int maxSeries;

  public DbOperationRegistry(int maxSeries) {
    this.maxSeries = Math.max(1, maxSeries);
  }

  /** The series for these labels (null values mean absent), created on first use or folded past the cap. */
  public DbOperationSeries series(String system, String operation, String collection, String errorType) {
    Key key = new Key(system, operation, collection, errorType);
    DbOperationSeries found = series.get(key);
    return found != null ? found : create(key);
  }

  public List<DbOperationSeries> all() {
    return new ArrayList<>(series.values());
  }

  public long folded() {
    return folded.sum();
  }

  private synchronized DbOperationSeries create(Key key) {
    DbOperationSeries existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (series.size() >= maxSeries && !OTHER.equals(key.collection)) {
      folded.increment();
      Key other = series.size() >= 2 * maxSeries ? new Key(OTHER, OTHER, OTHER, null)
          : new Key(key.system, key.operation, OTHER, key.errorType);
      DbOperationSeries existingOther = series.get(other);
      return existingOther != null ? existingOther : put(other);
    }
    return put(key);
  }

  private DbOperationSeries put(Key key) {
    DbOperationSeries created = new DbOperationSeries(key.system, key.operation, key.collection, key.errorType);
    series.put(key, created);
    return created;
  }

  private static final class Key {
    final String system;
    final String operation;
    final String collection;
    final String errorType;
    final int hash;

    Key(String system, String operation, String collection, String errorType) {
      this.system = system;
      this.operation = operation;
      this.collection = collection;
      this.errorType = errorType;
      this.hash = Objects.hash(system, operation, collection, errorType);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return hash == k.hash && Objects.equals(system, k.system) && Objects.equals(operation, k.operation)
          && Objects.equals(collection, k.collection) && Objects.equals(errorType, k.errorType);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
