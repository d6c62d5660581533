package dev.vigil.agent.signals;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code db.client.connection.*} (OpenTelemetry DB conventions) for every live pool. */
public final class ConnectionPoolMetrics implements MetricProducer {
  private static final String POOL = "db_client_connection_pool_name";
  private final Supplier<List<? extends ConnectionPoolStats>> pools;

  public ConnectionPoolMetrics(Supplier<List<? extends ConnectionPoolStats>> pools) {
    this.pools = pools;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    List<Point> count = new ArrayList<>();
    List<Point> max = new ArrayList<>();
    List<Point> pending = new ArrayList<>();
    List<Point> wait = new ArrayList<>();
    List<Point> timeouts = new ArrayList<>();
    for (ConnectionPoolStats p : pools.get()) {
      if (!p.alive()) {
        continue;
      }
      Labels pool = Labels.of(POOL, p.name());
      gauge(count, pool.with("db_client_connection_state", "used"), p.used());
      gauge(count, pool.with("db_client_connection_state", "idle"), p.idle());
      gauge(max, pool, p.max());
      gauge(pending, pool, p.pending());
      wait.add(Point.histogram(pool, p.waitTime().snapshot()));
      timeouts.add(Point.value(pool, p.timeouts()));
    }
    out.add(MetricFamily.otel("db.client.connection.count", "{connection}", Type.GAUGE,
        "Connections in the pool, by state (used: lent out; idle: ready).", count));
    out.add(MetricFamily.otel("db.client.connection.max", "{connection}", Type.GAUGE,
        "Most connections the pool opens.", max));
    out.add(MetricFamily.otel("db.client.connection.pending_requests", "{request}", Type.GAUGE,
        "Threads waiting for a connection from the pool.", pending));
    out.add(MetricFamily.otel("db.client.connection.wait_time", "s", Type.HISTOGRAM,
        "Time taken to get a connection from the pool (failed attempts included).", wait));
    out.add(MetricFamily.otel("db.client.connection.timeouts", "{timeout}", Type.COUNTER,
        "Attempts to get a connection from the pool that timed out.", timeouts));
  }

  private static void gauge(List<Point> points, Labels labels, int value) {
    if (value >= 0) {
      points.add(Point.value(labels, value));
    }
  }
}
