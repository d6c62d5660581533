package dev.vigil.agent.insight;

import static dev.vigil.agent.insight.ApiJson.error;
import static dev.vigil.agent.insight.ApiJson.json;
import static dev.vigil.agent.insight.ApiJson.minutes;
import static dev.vigil.agent.insight.ApiJson.number;
import static dev.vigil.agent.insight.ApiJson.parse;
import static dev.vigil.agent.insight.ApiJson.row;
import static dev.vigil.agent.insight.ApiJson.series;
import static dev.vigil.agent.insight.ApiJson.strings;
import static dev.vigil.agent.insight.ApiJson.values;
import static dev.vigil.agent.insight.ApiJson.write;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.agent.profiler.ProfilerSetup;
import dev.vigil.agent.signals.NPlusOneFindings;
import dev.vigil.agent.signals.RouteDependencies;
import dev.vigil.exporter.http.HttpEndpoint;
import dev.vigil.exporter.model.Point;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code /vigil/api/route}: one route's row, its hour of history, SQL, N+1 findings, outbound hosts and pools. */
final class RouteJson {
  private final Insight in;

  RouteJson(Insight in) {
    this.in = in;
  }

  HttpEndpoint.Response route(Live live, String query) throws IOException {
    Map<String, String> params;
    try {
      params = parse(query);
    } catch (IllegalArgumentException e) {
      return error(400, "bad query: percent-encode it, e.g. ?method=GET&route=%2Fproducts%2F%7Bid%7D");
    }
    String method = params.get("method");
    String route = params.get("route");
    if (method == null || route == null) {
      return error(400, "method and route are required, e.g. ?method=GET&route=%2Fproducts%2F%7Bid%7D");
    }
    Live.Row row = live.find(method, route);
    if (row == null) {
      return error(404, "no route " + method + " " + route + " has served requests");
    }
    RouteContext ctx = in.context(live, row);
    return json(200, write(g -> {
      g.writeStartObject();
      row(g, row.summary, in.healthy(row));
      RouteHistory.Series h = series(in, row.summary, RouteHistory.MINUTES);
      g.writeObjectFieldStart("history");
      minutes(g, h);
      values(g, "rate_per_s", h, RouteHistory.RATE);
      values(g, "p50_ms", h, RouteHistory.P50);
      values(g, "p90_ms", h, RouteHistory.P90);
      values(g, "p99_ms", h, RouteHistory.P99);
      values(g, "p999_ms", h, RouteHistory.P999);
      values(g, "error_pct", h, RouteHistory.ERROR_PCT);
      g.writeEndObject();
      sql(g, ctx);
      nPlusOne(g, ctx.nPlusOne);
      outbound(g, ctx);
      if (live.cacheSeen) {
        g.writeObjectFieldStart("cache");
        g.writeNumberField("hits", live.cacheHits);
        g.writeNumberField("misses", live.cacheMisses);
        long reads = live.cacheHits + live.cacheMisses;
        number(g, "hit_ratio", reads == 0 ? Double.NaN : (double) live.cacheHits / reads);
        g.writeEndObject();
      } else {
        g.writeNullField("cache");
      }
      g.writeArrayFieldStart("pools");
      for (PoolView p : live.pools) {
        g.writeStartObject();
        g.writeStringField("name", p.name);
        g.writeStringField("kind", PoolView.CONNECTION_POOL.equals(p.kind) ? p.kind : PoolView.EXECUTOR);
        g.writeNumberField("pending", Math.max(0, p.pending));
        number(g, "wait_p99_ms", p.waitP99Ms);
        number(g, "utilization", p.utilization());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("profile");
      g.writeBooleanField("available", ProfilerSetup.profiler() != null);
      g.writeStringField("url", "/vigil/profile?route=" + URLEncoder.encode(route, StandardCharsets.UTF_8));
      g.writeEndObject();
      if (in.traceUrl == null) {
        g.writeNullField("trace_url");
      } else {
        g.writeStringField("trace_url", in.traceUrl);
      }
      g.writeEndObject();
    }));
  }

  private static void sql(JsonGenerator g, RouteContext ctx) throws IOException {
    g.writeArrayFieldStart("sql");
    if (ctx.dependencies != null) {
      List<RouteDependencies.Entry> statements = new ArrayList<>(ctx.dependencies.statements());
      statements.sort(Comparator.comparingLong((RouteDependencies.Entry e) -> -e.totalNanos()));
      for (RouteDependencies.Entry e : statements) {
        g.writeStartObject();
        g.writeStringField("statement", e.name);
        g.writeStringField("db_system", e.system);
        g.writeNumberField("count", e.count());
        number(g, "per_request", ctx.summary.requestsTotal == 0 ? Double.NaN
            : (double) e.count() / ctx.summary.requestsTotal);
        number(g, "total_ms", e.totalNanos() / 1e6);
        number(g, "p99_ms", p99(e));
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  private static void outbound(JsonGenerator g, RouteContext ctx) throws IOException {
    g.writeArrayFieldStart("outbound");
    if (ctx.dependencies != null) {
      List<RouteDependencies.Entry> hosts = new ArrayList<>(ctx.dependencies.hosts());
      hosts.sort(Comparator.comparingLong((RouteDependencies.Entry e) -> -e.totalNanos()));
      for (RouteDependencies.Entry e : hosts) {
        g.writeStartObject();
        g.writeStringField("host", e.port > 0 ? e.name + ":" + e.port : e.name);
        g.writeNumberField("count", e.count());
        number(g, "total_ms", e.totalNanos() / 1e6);
        number(g, "share_of_route_time", ctx.totalSeconds > 0
            ? Math.min(1, e.totalNanos() / 1e9 / ctx.totalSeconds) : Double.NaN);
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  private static void nPlusOne(JsonGenerator g, List<NPlusOneFindings.Finding> findings) throws IOException {
    g.writeArrayFieldStart("n_plus_one");
    for (NPlusOneFindings.Finding f : findings) {
      g.writeStartObject();
      g.writeStringField("statement", f.statement);
      g.writeNumberField("count", f.maxCount());
      g.writeNumberField("occurrences", f.occurrences());
      strings(g, "example_trace_ids", f.exampleTraceId() == null ? List.of() : List.of(f.exampleTraceId()));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Since start: statements of one route are many, so their quantile is not windowed. */
  private static double p99(RouteDependencies.Entry e) {
    Point.Histogram h = e.histogram().snapshot();
    return RecentQuantiles.quantileMillis(h.upperBounds, h.counts, null, 0.99);
  }
}
