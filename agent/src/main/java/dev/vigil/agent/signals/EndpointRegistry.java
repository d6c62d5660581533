package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * All endpoints, found by route then method without building a key. The number of endpoints is capped: past the cap a
 * new (method, route) folds into route {@code _other} and {@link #folded()} counts each request folded so.
 */
public final class EndpointRegistry {
  public static final String OTHER_ROUTE = "_other";

  private final Map<String, AtomicReferenceArray<EndpointStats>> byRoute = new ConcurrentHashMap<>();
  private final LongAdder[] pendingInFlight = new LongAdder[HttpMethods.NAMES.length];
  private final LongAdder folded = new LongAdder();
  private final int maxEndpoints;
  private final ApdexThresholds apdex;
  private final int windowSlots;
  private final long tickNanos;
  private int size;
  private volatile boolean full;

  public EndpointRegistry(int maxEndpoints, ApdexThresholds apdex, long windowNanos) {
    this.maxEndpoints = Math.max(1, maxEndpoints);
    this.apdex = apdex;
    this.windowSlots = 6;
    this.tickNanos = windowNanos / windowSlots;
    for (int i = 0; i < pendingInFlight.length; i++) {
      pendingInFlight[i] = new LongAdder();
    }
  }

  /** How often the ticker must call {@link #tick}. */
  public long tickNanos() {
    return tickNanos;
  }

  public long windowNanos() {
    return tickNanos * windowSlots;
  }

  /** The endpoint if it exists, without creating it. */
  public EndpointStats find(String method, String route) {
    AtomicReferenceArray<EndpointStats> methods = byRoute.get(route);
    return methods == null ? null : methods.get(HttpMethods.index(method));
  }

  /** The endpoint, created on first use (or folded into {@code _other} past the cap). */
  public EndpointStats get(String method, String route) {
    EndpointStats found = find(method, route);
    if (found != null) {
      return found;
    }
    int methodIndex = HttpMethods.index(method);
    if (full && !OTHER_ROUTE.equals(route)) {
      // Past the cap every request of an unknown route lands here: fold without taking the lock.
      AtomicReferenceArray<EndpointStats> other = byRoute.get(OTHER_ROUTE);
      EndpointStats otherStats = other == null ? null : other.get(methodIndex);
      if (otherStats != null) {
        folded.increment();
        return otherStats;
      }
    }
    return create(methodIndex, route);
  }

  /** In-flight requests whose endpoint does not exist yet (their first request, before the route is final). */
  public LongAdder pendingInFlight(String method) {
    return pendingInFlight[HttpMethods.index(method)];
  }

  long pendingInFlight(int methodIndex) {
    return pendingInFlight[methodIndex].sum();
  }

  /** Requests recorded under {@code _other} because their endpoint did not fit under the cap. */
  public long folded() {
    return folded.sum();
  }

  public List<EndpointStats> endpoints() {
    List<EndpointStats> out = new ArrayList<>();
    for (AtomicReferenceArray<EndpointStats> methods : byRoute.values()) {
      for (int i = 0; i < methods.length(); i++) {
        EndpointStats s = methods.get(i);
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** Ticker thread: every endpoint's window moves on by one slot. */
  public void tick() {
    long now = System.nanoTime();
    for (EndpointStats s : endpoints()) {
      SlidingWindow w = s.windowOrNull();
      if (w != null) {
        w.advance(now, s.countersNow());
      }
    }
  }

  private synchronized EndpointStats create(int methodIndex, String route) {
    AtomicReferenceArray<EndpointStats> methods = byRoute.get(route);
    EndpointStats existing = methods == null ? null : methods.get(methodIndex);
    if (existing != null) {
      return existing;
    }
    if (size >= maxEndpoints && !OTHER_ROUTE.equals(route)) {
      folded.increment();
      return create(methodIndex, OTHER_ROUTE);
    }
    if (methods == null) {
      methods = new AtomicReferenceArray<>(HttpMethods.NAMES.length);
      byRoute.put(route, methods);
    }
    String method = HttpMethods.NAMES[methodIndex];
    EndpointStats created = new EndpointStats(method, route, apdex.nanosFor(route), windowSlots);
    methods.set(methodIndex, created);
    size++;
    full = size >= maxEndpoints;
    return created;
  }
}
