package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.recording.ConnectionPoolRecorder;
import dev.vigil.agent.recording.DbClientRecorder;
import dev.vigil.agent.recording.HttpServerRecorder;
import dev.vigil.agent.recording.NPlusOneDetector;
import dev.vigil.agent.recording.RedisClientRecorder;
import dev.vigil.agent.signals.CacheMetrics;
import dev.vigil.agent.signals.CacheRequests;
import dev.vigil.agent.signals.ConnectionPoolMetrics;
import dev.vigil.agent.signals.DbClientMetrics;
import dev.vigil.agent.signals.DbOperationRegistry;
import dev.vigil.agent.signals.NPlusOneFindings;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.model.MetricProducer;
import java.util.List;

/** Database client signals: the JDBC and pool recorders on the bridge, and their metric producers. */
final class DbSetup {
  static final int SQL_CACHE_ENTRIES = 2_000;
  static final int MAX_FINDINGS = 100;

  final NPlusOneFindings nPlusOne;
  final CacheRequests cache = new CacheRequests();
  private final DbOperationRegistry operations;
  private final ConnectionPoolRecorder pools = new ConnectionPoolRecorder();

  private DbSetup(VigilConfig config, HttpServerRecorder http) {
    int maxSeries = config.getInt(ConfigKeys.DB_MAX_SERIES);
    int threshold = config.getInt(ConfigKeys.N_PLUS_ONE_THRESHOLD);
    operations = new DbOperationRegistry(maxSeries);
    nPlusOne = threshold > 0 ? new NPlusOneFindings(maxSeries, MAX_FINDINGS) : null;
    NPlusOneDetector detector = nPlusOne == null ? null : new NPlusOneDetector(http, nPlusOne, threshold);
    Bridge.install(new DbClientRecorder(operations, SQL_CACHE_ENTRIES, config.getInt(ConfigKeys.DB_QUERY_MAX_LENGTH),
        detector, http));
    Bridge.install(pools);
    Bridge.install(new RedisClientRecorder(operations, cache, config.getBoolean(ConfigKeys.REDIS_CAPTURE_KEY)));
  }

  static DbSetup install(VigilConfig config, HttpServerRecorder http) {
    return new DbSetup(config, http);
  }

  /** Live connection pools, for the saturation summary. */
  List<? extends dev.vigil.agent.signals.ConnectionPoolStats> connectionPools() {
    return pools.pools();
  }

  List<MetricProducer> producers() {
    return List.of(new DbClientMetrics(operations, nPlusOne), new ConnectionPoolMetrics(pools::pools),
        new CacheMetrics(cache));
  }
}
