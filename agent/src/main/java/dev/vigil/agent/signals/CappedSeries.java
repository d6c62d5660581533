package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Series of one client metric keyed by four labels (system, operation, target, error type for an operation), created on
 * first use and capped: past the cap a new label set folds its target (the third label) into {@code _other}, and past
 * twice the cap everything folds into one {@code _other} series; {@link #folded()} counts both. A lookup allocates one
 * key and locks nothing once the series exists.
 */
final class CappedSeries<S> {
  static final String OTHER = "_other";

  /** Makes the series of a label set (the fourth label may be null). */
  interface Factory<S> {
    S create(String system, String operation, String target, String errorType);
  }

  private final Map<Key, S> series = new ConcurrentHashMap<>();
  private final LongAdder folded = new LongAdder();
  private final int maxSeries;
  private final Factory<S> factory;

  CappedSeries(int maxSeries, Factory<S> factory) {
    this.maxSeries = Math.max(1, maxSeries);
    this.factory = factory;
  }

  /** Operation series (count, errors and a latency histogram with these bounds) under the cap. */
  static CappedSeries<OperationSeries> operations(int maxSeries, BucketHistogram.Bounds bounds) {
    return new CappedSeries<>(maxSeries, (system, operation, target, errorType) ->
        new OperationSeries(system, operation, target, errorType, bounds));
  }

  /** The series for these labels (null values mean absent), created on first use or folded past the cap. */
  S get(String system, String operation, String target, String errorType) {
    Key key = new Key(system, operation, target, errorType);
    S found = series.get(key);
    return found != null ? found : create(key);
  }

  List<S> all() {
    return new ArrayList<>(series.values());
  }

  long folded() {
    return folded.sum();
  }

  private synchronized S create(Key key) {
    S existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (series.size() >= maxSeries && !OTHER.equals(key.target)) {
      folded.increment();
      Key other = series.size() >= 2 * maxSeries ? new Key(OTHER, OTHER, OTHER, null)
          : new Key(key.system, key.operation, OTHER, key.errorType);
      S existingOther = series.get(other);
      return existingOther != null ? existingOther : put(other);
    }
    return put(key);
  }

  private S put(Key key) {
    S created = factory.create(key.system, key.operation, key.target, key.errorType);
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
