package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * The golden signals of one endpoint (method + route): in flight, counts, a bucket histogram per status (and exception
 * type), and a sliding window for percentiles, rate, error ratio and Apdex. Recording is lock-free and, once the
 * endpoint has seen its status codes, allocation-free.
 */
public final class EndpointStats {
  static final int REQUESTS = 0;
  static final int ERRORS = 1;
  static final int SATISFIED = 2;
  static final int TOLERATING = 3;
  private static final int MAX_STATUS_SERIES = 32;

  final String method;
  final String route;
  /** Made from the request's path, not given by a framework: such an endpoint may be evicted when idle. */
  final boolean derived;
  /** Set when the registry evicted this endpoint: a request that still holds it records into the new one. */
  private volatile boolean retired;
  /** The registry's idle bookkeeping, under its lock: requests seen at the last tick, ticks since one completed. */
  long requestsAtLastTick;
  int idleTicks;
  private final long apdexNanos;
  private final int windowSlots;
  private final LongAdder inFlight = new LongAdder();
  private final LongAdder[] counters = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
  private volatile StatusSeries[] statuses = new StatusSeries[0];
  private volatile SlidingWindow window;
  /** Latencies of successful requests kept for the canary comparison; made with the window, null when off. */
  private volatile LatencyReservoir samples;
  private final int sampleSize;
  private volatile RouteDependencies dependencies;
  /** The exporter's labels of this endpoint, made on the first scrape and kept (immutable, rendered once). */
  Labels labels;

  EndpointStats(String method, String route, long apdexNanos, int windowSlots) {
    this(method, route, false, apdexNanos, windowSlots);
  }

  EndpointStats(String method, String route, boolean derived, long apdexNanos, int windowSlots) {
    this(method, route, derived, apdexNanos, windowSlots, 0);
  }

  /** {@code sampleSize}: latencies kept over the window for {@code /vigil/api/samples}, 0 for none. */
  EndpointStats(String method, String route, boolean derived, long apdexNanos, int windowSlots, int sampleSize) {
    this.sampleSize = sampleSize;
    this.method = method;
    this.route = route;
    this.derived = derived;
    this.apdexNanos = apdexNanos;
    this.windowSlots = windowSlots;
  }

  public String method() {
    return method;
  }

  public String route() {
    return route;
  }

  public boolean retired() {
    return retired;
  }

  void retire() {
    retired = true;
  }

  /** No request completed since the last tick and none is in flight. */
  boolean idleSinceLastTick() {
    return requests() == requestsAtLastTick && inFlight() == 0;
  }

  public void enter() {
    inFlight.increment();
  }

  public void leave() {
    inFlight.decrement();
  }

  public long inFlight() {
    return inFlight.sum();
  }

  /** One finished request. {@code errorType} is the exception class name, or null. */
  public void complete(long nanos, int status, String errorType) {
    complete(nanos, status, errorType, null, null);
  }

  /** One finished request of a sampled trace: its ids become the exemplar of the bucket it falls in (when not null). */
  public void complete(long nanos, int status, String errorType, String traceId, String spanId) {
    counters[REQUESTS].increment();
    boolean failed = errorType != null || status >= 500;
    if (failed) {
      counters[ERRORS].increment();
    } else if (nanos <= apdexNanos) {
      counters[SATISFIED].increment();
    } else if (nanos <= 4 * apdexNanos) {
      counters[TOLERATING].increment();
    }
    series(status, errorType).histogram.record(nanos, traceId, spanId);
    window().record(nanos);
    LatencyReservoir r = samples;
    if (r != null && !failed) { // a failure's latency says little of the service's speed: errors are compared apart
      r.record(nanos);
    }
  }

  /** SQL statements and outbound hosts this endpoint's requests used; created on first use. */
  public RouteDependencies dependencies() {
    RouteDependencies d = dependencies;
    return d != null ? d : createDependencies();
  }

  /** Null until a request of this endpoint ran SQL or an outbound call. */
  public RouteDependencies dependenciesOrNull() {
    return dependencies;
  }

  private synchronized RouteDependencies createDependencies() {
    if (dependencies == null) {
      dependencies = new RouteDependencies();
    }
    return dependencies;
  }

  /** Total time of this endpoint's requests since start, from its status histograms (reader threads only). */
  public double totalSeconds() {
    double sum = 0;
    for (StatusSeries s : statuses) {
      sum += s.histogram.snapshot().sum;
    }
    return sum;
  }

  /** Fraction of the window's requests slower than {@code nanos}; NaN when the window is empty. */
  public double fractionSlowerThan(long nanos) {
    SlidingWindow w = window;
    return w == null ? Double.NaN : w.fractionAbove(nanos / 1000);
  }

  public long requests() {
    return counters[REQUESTS].sum();
  }

  StatusSeries[] statuses() {
    return statuses;
  }

  /** Null until the first request completes. */
  SlidingWindow windowOrNull() {
    return window;
  }

  /** Latency since start as an exponential histogram (exporter thread), or null before the first request. */
  public dev.vigil.exporter.model.Point.ExponentialHistogram exponential() {
    SlidingWindow w = window;
    return w == null ? null : w.cumulativeExponential();
  }

  /** Null until the first request completes, or when sampling is off. */
  LatencyReservoir samplesOrNull() {
    return samples;
  }

  long[] countersNow() {
    long[] now = new long[counters.length];
    for (int i = 0; i < now.length; i++) {
      now[i] = counters[i].sum();
    }
    return now;
  }

  private SlidingWindow window() {
    SlidingWindow w = window;
    return w != null ? w : createWindow();
  }

  private synchronized SlidingWindow createWindow() {
    if (window == null) {
      if (sampleSize > 0) {
        samples = new LatencyReservoir(sampleSize, windowSlots); // set first: whoever sees the window sees it
      }
      window = new SlidingWindow(windowSlots, counters.length, System.nanoTime());
    }
    return window;
  }

  private StatusSeries series(int status, String errorType) {
    for (StatusSeries s : statuses) {
      if (s.status == status && (s.errorType == errorType || (s.errorType != null && s.errorType.equals(errorType)))) {
        return s;
      }
    }
    return addSeries(status, errorType);
  }

  private synchronized StatusSeries addSeries(int status, String errorType) {
    StatusSeries[] current = statuses;
    for (StatusSeries s : current) {
      if (s.status == status && java.util.Objects.equals(s.errorType, errorType)) {
        return s;
      }
    }
    if (current.length >= MAX_STATUS_SERIES) {
      // A pathological endpoint: fold further combinations into the first series rather than grow without bound.
      return current[0];
    }
    StatusSeries added = new StatusSeries(status, errorType);
    StatusSeries[] next = Arrays.copyOf(current, current.length + 1);
    next[current.length] = added;
    statuses = next;
    return added;
  }

  /** Requests of one status code (and exception type) on this endpoint. */
  static final class StatusSeries {
    final int status;
    final String errorType;
    final BucketHistogram histogram = new BucketHistogram();
    /** Set by the exporter on the first scrape, like {@link EndpointStats#labels}. */
    Labels labels;

    StatusSeries(int status, String errorType) {
      this.status = status;
      this.errorType = errorType;
    }
  }
}
