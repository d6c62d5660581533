package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;

/** {@code vigil_cache_requests_total{db_system_name, result=hit|miss}}: the reads behind a cache hit ratio. */
public final class CacheMetrics implements MetricProducer {
  private final CacheRequests requests;

  public CacheMetrics(CacheRequests requests) {
    this.requests = requests;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<Point> points = new ArrayList<>();
    for (CacheRequests.Counts c : requests.all()) {
      points.add(Point.value(Labels.of("db_system_name", c.system, "result", "hit"), c.hits()));
      points.add(Point.value(Labels.of("db_system_name", c.system, "result", "miss"), c.misses()));
    }
    out.add(MetricFamily.otel("vigil.cache.requests", "{request}", Type.COUNTER,
        "Cache reads (Redis GET, GETEX, GETDEL, HGET; MGET and HMGET per key or field) by result: hit or miss (nil).",
        points));
  }
}
