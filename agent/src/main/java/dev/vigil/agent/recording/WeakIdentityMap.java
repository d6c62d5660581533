package dev.vigil.agent.recording;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A concurrent map from objects, by identity, held weakly (a statement or connection the application dropped is never
 * kept alive), with a cap on size: at the cap a put is dropped and counted. Collected keys are purged on the next put.
 * A lookup allocates nothing: it reuses a per-thread probe key.
 */
final class WeakIdentityMap<K, V> {
  private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<K> queue = new ReferenceQueue<>();
  private final ThreadLocal<Probe> probes = ThreadLocal.withInitial(Probe::new);
  private final LongAdder dropped = new LongAdder();
  private final int maxSize;

  WeakIdentityMap(int maxSize) {
    this.maxSize = maxSize;
  }

  V get(K key) {
    Probe probe = probes.get();
    probe.key = key;
    probe.hash = System.identityHashCode(key);
    try {
      return map.get(probe);
    } finally {
      probe.key = null; // never pin the key from a thread-local
    }
  }

  /** Returns false when the map was full and the entry was dropped. */
  boolean put(K key, V value) {
    purge();
    if (map.size() >= maxSize) {
      dropped.increment();
      return false;
    }
    map.put(new Ref<>(key, queue), value);
    return true;
  }

  /** Removes and returns the value of {@code key}, or null; allocates nothing. */
  V remove(K key) {
    Probe probe = probes.get();
    probe.key = key;
    probe.hash = System.identityHashCode(key);
    try {
      return map.remove(probe);
    } finally {
      probe.key = null;
    }
  }

  int size() {
    purge();
    return map.size();
  }

  long dropped() {
    return dropped.sum();
  }

  private void purge() {
    Reference<? extends K> r;
    while ((r = queue.poll()) != null) {
      map.remove(r);
    }
  }

  private static final class Ref<K> extends WeakReference<K> {
    private final int hash;

    Ref(K key, ReferenceQueue<K> queue) {
      super(key, queue);
      this.hash = System.identityHashCode(key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      Object mine = get();
      if (mine == null) {
        return false;
      }
      if (o instanceof Ref) {
        return ((Ref<?>) o).get() == mine;
      }
      return o instanceof Probe && ((Probe) o).key == mine;
    }
  }

  private static final class Probe {
    Object key;
    int hash;

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o == this || (o instanceof Ref && key != null && ((Ref<?>) o).get() == key);
    }
  }
}
