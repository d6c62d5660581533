package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Series of one client metric keyed by (system, operation, target, error type), created on first use and capped: past
 * the cap a new label set folds its target into {@code _other}, and past twice the cap everything folds into one
 * {@code _other} series; {@link #folded()} counts both. A lookup allocates one key and locks nothing once the series
 * exists.
 */
final class CappedSeries {
  static final String OTHER = "_other";

  private final Map<Key, OperationSeries> series = new ConcurrentHashMap<>();
  private final LongAdder folded = new LongAdder();
  private final int maxSeries;
  private final BucketHistogram.Bounds bounds;

  CappedSeries(int maxSeries, BucketHistogram.Bounds bounds) {
    this.maxSeries = Math.max(1, maxSeries);
    this.bounds = bounds;
  }

  /** The series for these labels (null values mean absent), created on first use or folded past the cap. */
  OperationSeries get(String system, String operation, String target, String errorType) {
    Key key = new Key(system, operation, target, errorType);
    OperationSeries found = series.get(key);
    return found != null ? found : create(key);
  }

  List<OperationSeries> all() {
    return new ArrayList<>(series.values());
  }

  long folded() {
    return folded.sum();
  }

  private synchronized OperationSeries create(Key key) {
    OperationSeries existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (series.size() >= maxSeries && !OTHER.equals(key.target)) {
      folded.increment();
      Key other = series.size() >= 2 * maxSeries ? new Key(OTHER, OTHER, OTHER, null)
          : new Key(key.system, key.operation, OTHER, key.errorType);
      OperationSeries existingOther = series.get(other);
      return existingOther != null ? existingOther : put(other);
    }
    return put(key);
  }

  private OperationSeries put(Key key) {
    OperationSeries created = new OperationSeries(key.system, key.operation, key.target, key.errorType, bounds);
    series.put(key, created);
    return created;
  }

  private static final class Key {
    final String system;
    final String operation;
    final String target;
    final String errorType;
    final int hash;

    Key(String system, String operation, String target, String errorType) {
      this.system = system;
      this.operation = operation;
      this.target = target;
      this.errorType = errorType;
      this.hash = ((Objects.hashCode(system) * 31 + Objects.hashCode(operation)) * 31 + Objects.hashCode(target)) * 31
          + Objects.hashCode(errorType);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return hash == k.hash && Objects.equals(system, k.system) && Objects.equals(operation, k.operation)
          && Objects.equals(target, k.target) && Objects.equals(errorType, k.errorType);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
