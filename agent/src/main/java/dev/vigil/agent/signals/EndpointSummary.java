package dev.vigil.agent.signals;

/** What one endpoint looks like over the sliding window: the numbers /vigil/signals and the quantile gauges show. */
public final class EndpointSummary {
  public static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

  public final String method;
  public final String route;
  public final long requestsTotal;
  public final long inFlight;
  public final long windowRequests;
  public final double ratePerSecond;
  /** Failed requests (5xx or exception) over requests in the window; NaN when none. */
  public final double errorRatio;
  /** Apdex over the window; NaN when no request. */
  public final double apdex;
  /** Seconds at each of {@link #QUANTILES}; NaN when no request. */
  public final double[] quantileSeconds;
  public final double windowSumSeconds;

  private EndpointSummary(EndpointStats stats, SlidingWindow.Snapshot window) {
    this.method = stats.method;
    this.route = stats.route;
    this.requestsTotal = stats.requests();
    this.inFlight = stats.inFlight();
    this.quantileSeconds = new double[QUANTILES.length];
    if (window == null) {
      windowRequests = 0;
      ratePerSecond = 0;
      errorRatio = Double.NaN;
      apdex = Double.NaN;
      windowSumSeconds = 0;
      java.util.Arrays.fill(quantileSeconds, Double.NaN);
      return;
    }
    long[] d = window.counterDeltas;
    windowRequests = d[EndpointStats.REQUESTS];
    ratePerSecond = windowRequests / (window.spanNanos / 1e9);
    errorRatio = windowRequests == 0 ? Double.NaN : (double) d[EndpointStats.ERRORS] / windowRequests;
    apdex = windowRequests == 0 ? Double.NaN
        : (d[EndpointStats.SATISFIED] + d[EndpointStats.TOLERATING] / 2.0) / windowRequests;
    System.arraycopy(window.quantileSeconds, 0, quantileSeconds, 0, QUANTILES.length);
    windowSumSeconds = window.sumMicros / 1e6;
  }

  public static EndpointSummary of(EndpointStats stats, long nowNanos) {
    SlidingWindow w = stats.windowOrNull();
    return new EndpointSummary(stats, w == null ? null : w.snapshot(nowNanos, stats.countersNow()));
  }
}
