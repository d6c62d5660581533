package dev.vigil.agent.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * All endpoints, found by route then method without building a key. Two kinds of route share the cap of
 * {@code maxEndpoints}: templates a framework gave, bounded by the application's code, and routes derived from request
 * paths, which a scanner can make without end. Derived routes take at most {@code maxDerived} places and, once the
 * table is full, an idle one (no request during a whole tick) gives its place to a new route; a template takes the
 * place of a derived route even when none is idle. Only when neither is possible does a new endpoint fold into route
 * {@code _other} ({@link #folded()} counts each request folded so). Requests that matched no route at all have one
 * endpoint per method, {@code _unmatched}, outside the cap. Look-ups never lock; creation and eviction do.
 */
public final class EndpointRegistry {
  public static final String OTHER_ROUTE = "_other";
  public static final String UNMATCHED_ROUTE = "_unmatched";

  private final Map<String, AtomicReferenceArray<EndpointStats>> byRoute = new ConcurrentHashMap<>();
  private final LongAdder[] pendingInFlight = new LongAdder[HttpMethods.NAMES.length];
  private final LongAdder folded = new LongAdder();
  private final LongAdder evicted = new LongAdder();
  private final IdleEndpoints idle = new IdleEndpoints();
  private final int maxEndpoints;
  private final int maxDerived;
  private final ApdexThresholds apdex;
  private final int windowSlots;
  private final long tickNanos;
  private volatile int sampleSize;
  private int size;
  private int derivedSize;
  /** Set when a new route of that kind can only fold until something changes (a tick, an eviction): folds unlocked. */
  private volatile boolean templatesFold;
  private volatile boolean derivedFold;

  public EndpointRegistry(int maxEndpoints, ApdexThresholds apdex, long windowNanos) {
    this(maxEndpoints, maxEndpoints, apdex, windowNanos);
  }

  public EndpointRegistry(int maxEndpoints, int maxDerived, ApdexThresholds apdex, long windowNanos) {
    this.maxEndpoints = Math.max(1, maxEndpoints);
    this.maxDerived = Math.max(0, Math.min(maxDerived, this.maxEndpoints));
    this.apdex = apdex;
    this.windowSlots = 6;
    this.tickNanos = windowNanos / windowSlots;
    for (int i = 0; i < pendingInFlight.length; i++) {
      pendingInFlight[i] = new LongAdder();
    }
    byRoute.put(UNMATCHED_ROUTE, new AtomicReferenceArray<>(HttpMethods.NAMES.length));
  }

  /** Keeps a uniform sample of up to {@code size} latencies per endpoint over the window (0: none); set at start-up. */
  public EndpointRegistry samplesPerEndpoint(int size) {
    this.sampleSize = Math.max(0, size);
    return this;
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

  /** The endpoint of a framework's template, created on first use (or folded into {@code _other}). */
  public EndpointStats get(String method, String route) {
    return get(method, route, false);
  }

  /** The endpoint of a route made from a request's path: the first to give way when the table is full. */
  public EndpointStats getDerived(String method, String route) {
    return get(method, route, true);
  }

  /** The one endpoint per method of requests that matched no route. */
  public EndpointStats unmatched(String method) {
    return get(method, UNMATCHED_ROUTE, false);
  }

  private EndpointStats get(String method, String route, boolean derived) {
    EndpointStats found = find(method, route);
    if (found != null) {
      return found;
    }
    int methodIndex = HttpMethods.index(method);
    if ((derived ? derivedFold : templatesFold) && !special(route)) {
      AtomicReferenceArray<EndpointStats> other = byRoute.get(OTHER_ROUTE);
      EndpointStats otherStats = other == null ? null : other.get(methodIndex);
      if (otherStats != null) {
        folded.increment();
        return otherStats;
      }
    }
    return create(methodIndex, route, derived);
  }

  private static boolean special(String route) {
    return OTHER_ROUTE.equals(route) || UNMATCHED_ROUTE.equals(route);
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

  /** Derived endpoints removed to make room for another. */
  public long evicted() {
    return evicted.sum();
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

  /** Ticker thread: every endpoint's window moves on by one slot, and idle derived endpoints become evictable. */
  public void tick() {
    long now = System.nanoTime();
    List<EndpointStats> all = endpoints();
    for (EndpointStats s : all) {
      SlidingWindow w = s.windowOrNull();
      if (w != null) {
        w.advance(now, s.countersNow());
      }
      LatencyReservoir r = s.samplesOrNull();
      if (r != null) {
        r.advance();
      }
    }
    synchronized (this) {
      idle.tick(all);
      templatesFold = false;
      derivedFold = false;
    }
  }

  private synchronized EndpointStats create(int methodIndex, String route, boolean derived) {
    AtomicReferenceArray<EndpointStats> methods = byRoute.get(route);
    EndpointStats existing = methods == null ? null : methods.get(methodIndex);
    if (existing != null) {
      return existing;
    }
    if (!special(route) && !makeRoom(derived)) {
      if (derived) {
        derivedFold = true;
      } else {
        templatesFold = true;
      }
      folded.increment();
      return create(methodIndex, OTHER_ROUTE, false);
    }
    methods = byRoute.get(route); // an eviction may have removed it
    if (methods == null) {
      methods = new AtomicReferenceArray<>(HttpMethods.NAMES.length);
      byRoute.put(route, methods);
    }
    String method = HttpMethods.NAMES[methodIndex];
    EndpointStats created = new EndpointStats(method, route, derived, apdex.nanosFor(route), windowSlots,
        sampleSize);
    methods.set(methodIndex, created);
    if (!special(route)) {
      size++;
      derivedSize += derived ? 1 : 0;
    }
    return created;
  }

  /** Whether a new endpoint of this kind fits, once an idle derived one (or, for a template, any) is evicted. */
  private boolean makeRoom(boolean derived) {
    if (size < maxEndpoints && (!derived || derivedSize < maxDerived)) {
      return true;
    }
    EndpointStats victim = idle.take();
    if (victim == null && !derived) {
      victim = IdleEndpoints.mostIdleDerived(endpoints());
    }
    if (victim == null) {
      return false;
    }
    remove(victim);
    return true;
  }

  private void remove(EndpointStats victim) {
    AtomicReferenceArray<EndpointStats> methods = byRoute.get(victim.route);
    int methodIndex = HttpMethods.index(victim.method);
    if (methods == null || methods.get(methodIndex) != victim) {
      return;
    }
    methods.set(methodIndex, null);
    victim.retire();
    size--;
    derivedSize--;
    evicted.increment();
    for (int i = 0; i < methods.length(); i++) {
      if (methods.get(i) != null) {
        return;
      }
    }
    byRoute.remove(victim.route, methods);
  }
}
