package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Series of the messaging metrics ({@code publish} and {@code process}), capped: names the broker made up (server-named
 * queues, direct reply-to addresses) share one destination, {@value #TEMPORARY}; past the cap a new destination folds into
 * {@code _other}, and past twice the cap everything folds into one {@code _other} series; {@link #folded()} counts both.
 */
public final class MessagingRegistry {
  public static final String OTHER = "_other";
  public static final String TEMPORARY = "(temporary)";
  static final BucketHistogram.Bounds BOUNDS = new BucketHistogram.Bounds(BucketHistogram.DB_BOUNDS_SECONDS);

  private final Map<Key, MessagingSeries> series = new ConcurrentHashMap<>();
  private final LongAdder folded = new LongAdder();
  private final int maxSeries;

  public MessagingRegistry(int maxSeries) {
    this.maxSeries = Math.max(1, maxSeries);
  }

  /** The destination as it is named in series and span names: one name for every temporary queue. */
  public static String destination(String name) {
    if (name == null || name.isEmpty()) {
      return "(default)";
    }
    return isTemporary(name) ? TEMPORARY : name;
  }

  /**
   * A name the broker made up: a server-named queue ({@code amq.gen-...}, new per declaration) or a direct reply-to
   * address ({@code amq.rabbitmq.reply-to.<per-consumer suffix>}).
   */
  public static boolean isTemporary(String name) {
    return name != null && (name.startsWith("amq.gen-") || name.startsWith("amq.rabbitmq.reply-to."));
  }

  /** The series for these labels ({@code errorType} null: none), created on first use or folded past the cap. */
  public MessagingSeries series(String system, String operation, String destination, String errorType) {
    Key key = new Key(system, operation, destination, errorType);
    MessagingSeries found = series.get(key);
    return found != null ? found : create(key);
  }

  public List<MessagingSeries> all() {
    return new ArrayList<>(series.values());
  }

  public long folded() {
    return folded.sum();
  }

  private synchronized MessagingSeries create(Key key) {
    MessagingSeries existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (series.size() >= maxSeries && !OTHER.equals(key.destination)) {
      folded.increment();
      Key other = series.size() >= 2 * maxSeries ? new Key(OTHER, OTHER, OTHER, null)
          : new Key(key.system, key.operation, OTHER, key.errorType);
      MessagingSeries existingOther = series.get(other);
      return existingOther != null ? existingOther : put(other);
    }
    return put(key);
  }

  private MessagingSeries put(Key key) {
    MessagingSeries created = new MessagingSeries(key.system, key.operation, key.destination, key.errorType);
    series.put(key, created);
    return created;
  }

  private static final class Key {
    final String system;
    final String operation;
    final String destination;
    final String errorType;
    final int hash;

    Key(String system, String operation, String destination, String errorType) {
      this.system = system;
      this.operation = operation;
      this.destination = destination;
      this.errorType = errorType;
      this.hash = Objects.hash(system, operation, destination, errorType);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return hash == k.hash && Objects.equals(system, k.system) && Objects.equals(operation, k.operation)
          && Objects.equals(destination, k.destination) && Objects.equals(errorType, k.errorType);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
