package dev.vigil.agent.insight;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.signals.CacheRequests;
import dev.vigil.agent.signals.ConnectionPoolStats;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.ExecutorStats;
import dev.vigil.agent.signals.NPlusOneFindings;
import dev.vigil.exporter.http.HttpEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * "Why is this endpoint slow": the per-minute history of every route, the JSON API under {@code /vigil/api/} and the
 * diagnosis behind it, all read from the signals the agent already records. Nothing here runs on a request thread.
 */
public final class Insight {
  private static volatile Insight current;

  final EndpointRegistry registry;
  final NPlusOneFindings nPlusOne;
  final CacheRequests cache;
  final Supplier<List<ExecutorStats>> executors;
  final Supplier<List<? extends ConnectionPoolStats>> connectionPools;
  final String service;
  final String traceUrl;
  final Slo slo;
  final History history;
  final JvmLoad jvm = new JvmLoad();
  final RecentQuantiles recent = new RecentQuantiles();
  final RecentShares shares = new RecentShares();
  final LongSupplier pinned;

  /** {@code nPlusOne}, {@code cache}, the suppliers and {@code pinned} may be null (the signal is off). */
  public Insight(VigilConfig config, EndpointRegistry registry, NPlusOneFindings nPlusOne, CacheRequests cache,
      Supplier<List<ExecutorStats>> executors, Supplier<List<? extends ConnectionPoolStats>> connectionPools,
      LongSupplier pinned) {
    this.registry = registry;
    this.nPlusOne = nPlusOne;
    this.cache = cache;
    this.executors = executors;
    this.connectionPools = connectionPools;
    this.pinned = pinned;
    this.service = config.serviceName();
    String url = config.getString(ConfigKeys.UI_TRACE_URL);
    this.traceUrl = url == null || url.isEmpty() ? null : url;
    this.slo = Slo.from(config);
    this.history = new History(registry);
    current = this;
  }

  /** The instance the agent started, or null (for the command line's requests). */
  public static Insight current() {
    return current;
  }

  /** Ticker thread: samples the history when a new minute began. */
  public void tick() {
    history.tick(System.currentTimeMillis());
  }

  /** The API's paths, to serve beside /metrics. */
  public Map<String, HttpEndpoint> endpoints() {
    ApiJson api = new ApiJson(this);
    RouteJson route = new RouteJson(this);
    Map<String, HttpEndpoint> paths = new LinkedHashMap<>();
    paths.put("/vigil/api/overview", (headers, query) -> ApiJson.json(200, api.overview(Live.read(this))));
    paths.put("/vigil/api/route", (headers, query) -> route.route(Live.read(this), query));
    paths.put("/vigil/api/saturation",
        (headers, query) -> ApiJson.json(200, SaturationJson.saturation(this, Live.read(this))));
    paths.put("/vigil/api/diagnosis",
        (headers, query) -> ApiJson.json(200, DiagnosisJson.diagnosis(this, Live.read(this))));
    return paths;
  }

  /** The overview and diagnosis documents, for {@code diagnose <pid>}. */
  public byte[][] overviewAndDiagnosis() throws java.io.IOException {
    ApiJson api = new ApiJson(this);
    Live live = Live.read(this);
    return new byte[][] {api.overview(live), DiagnosisJson.diagnosis(this, live)};
  }

  /** Apdex at least Fair, fewer than 5% errors and no objective of the route burning faster than allowed. */
  boolean healthy(Live.Row row) {
    for (Slo.Burn b : slo.burns(row.stats, row.summary)) {
      if (b.burnRate > 1) {
        return false;
      }
    }
    return Apdex.healthy(row.summary.apdex, row.summary.errorRatio);
  }

  RouteContext context(Live live, Live.Row row) {
    double total = row.stats.totalSeconds();
    RecentShares.Shares recentShares = shares.of(History.key(row.summary.method, row.summary.route),
        row.stats.dependenciesOrNull(), total, live.nowMs);
    return new RouteContext(row.summary, row.stats.dependenciesOrNull(), total, recentShares,
        Diagnosis.nPlusOne(nPlusOne, row.summary.route), live.pools, live.jvm, live.cacheHits, live.cacheMisses);
  }
}
