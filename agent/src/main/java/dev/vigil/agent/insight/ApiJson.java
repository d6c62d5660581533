package dev.vigil.agent.insight;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.agent.profiler.ProfilerSetup;
import dev.vigil.agent.signals.EndpointSummary;
import dev.vigil.agent.signals.NPlusOneFindings;
import dev.vigil.agent.signals.RouteDependencies;
import dev.vigil.exporter.http.HttpEndpoint;
import dev.vigil.exporter.model.Point;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The documents of {@code /vigil/api/*}, written with Jackson's streaming API; times in ms, rates per second. */
final class ApiJson {
  private static final JsonFactory JSON = new JsonFactory();
  static final int SPARK_MINUTES = 15;
  private static final String[] QUANTILES = {"p50_ms", "p90_ms", "p99_ms", "p999_ms"};

  /** Writes one JSON document. */
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private final Insight in;

  ApiJson(Insight in) {
    this.in = in;
  }

  HttpEndpoint.Response json(int status, byte[] body) {
    return new HttpEndpoint.Response(status, "application/json", body);
  }

  static byte[] write(Body body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      body.write(g);
    }
    return bytes.toByteArray();
  }

  HttpEndpoint.Response error(int status, String message) throws IOException {
    return json(status, write(g -> {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    }));
  }

  byte[] overview(Live live) throws IOException {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("service", in.service);
      g.writeNumberField("now_ms", live.nowMs);
      g.writeNumberField("window_seconds", in.registry.windowNanos() / 1_000_000_000L);
      g.writeNumberField("history_minutes", RouteHistory.MINUTES);
      g.writeArrayFieldStart("routes");
      for (Live.Row row : live.rows) {
        g.writeStartObject();
        row(g, row.summary, in.healthy(row));
        RouteHistory.Series spark = series(row.summary, SPARK_MINUTES);
        g.writeObjectFieldStart("spark");
        minutes(g, spark);
        values(g, "rate_per_s", spark, RouteHistory.RATE);
        values(g, "p99_ms", spark, RouteHistory.P99);
        values(g, "error_pct", spark, RouteHistory.ERROR_PCT);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
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
      RouteHistory.Series h = series(row.summary, RouteHistory.MINUTES);
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

  byte[] saturation(Live live) throws IOException {
    return write(g -> {
      g.writeStartObject();
      executors(g, "executors", live.pools, PoolView.EXECUTOR);
      g.writeArrayFieldStart("connection_pools");
      for (PoolView p : live.pools) {
        if (PoolView.CONNECTION_POOL.equals(p.kind)) {
          g.writeStartObject();
          g.writeStringField("name", p.name);
          g.writeNumberField("active", p.active);
          g.writeNumberField("idle", p.idle);
          g.writeNumberField("max", p.max);
          g.writeNumberField("pending", p.pending);
          number(g, "wait_p99_ms", p.waitP99Ms);
          number(g, "utilization", p.utilization());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      executors(g, "server_pools", live.pools, PoolView.SERVER);
      g.writeObjectFieldStart("gc");
      number(g, "time_ratio", live.jvm.gcTimeRatio);
      number(g, "heap_after_gc_ratio", live.jvm.heapAfterGcRatio);
      g.writeEndObject();
      g.writeObjectFieldStart("cpu");
      number(g, "process", live.jvm.processCpu);
      number(g, "system", live.jvm.systemCpu);
      g.writeEndObject();
      g.writeObjectFieldStart("virtual_threads");
      g.writeNumberField("pinned_total", in.pinned == null ? 0 : in.pinned.getAsLong());
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  byte[] diagnosis(Live live) throws IOException {
    Diagnosis d = Diagnosis.of(in, live);
    return write(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("routes");
      for (Diagnosis.RouteDiagnosis r : d.routes) {
        g.writeStartObject();
        g.writeStringField("method", r.method);
        g.writeStringField("route", r.route);
        g.writeBooleanField("healthy", r.healthy);
        g.writeArrayFieldStart("causes");
        for (Cause c : r.causes) {
          g.writeStartObject();
          g.writeStringField("kind", c.kind);
          number(g, "score", c.score);
          g.writeStringField("title", c.title);
          strings(g, "evidence", c.evidence);
          strings(g, "trace_ids", c.traceIds);
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("anomalies");
      for (Diagnosis.Anomaly a : d.anomalies) {
        g.writeStartObject();
        g.writeStringField("method", a.method);
        g.writeStringField("route", a.route);
        g.writeStringField("signal", a.signal);
        number(g, "z", a.z.z);
        number(g, "value", a.z.value);
        number(g, "mean", a.z.mean);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("slo");
      for (Slo.Burn b : d.slo) {
        g.writeStartObject();
        g.writeStringField("method", b.method);
        g.writeStringField("route", b.route);
        g.writeStringField("objective", b.objective);
        number(g, "burn_rate", b.burnRate);
        number(g, "budget_left", b.budgetLeft());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** The fields an overview row and a route document share: the same numbers as /vigil/signals. */
  private static void row(JsonGenerator g, EndpointSummary s, boolean healthy) throws IOException {
    g.writeStringField("method", s.method);
    g.writeStringField("route", s.route);
    number(g, "rate_per_s", s.ratePerSecond);
    number(g, "error_pct", s.errorRatio * 100);
    for (int i = 0; i < QUANTILES.length; i++) {
      number(g, QUANTILES[i], s.quantileSeconds[i] * 1000);
    }
    number(g, "apdex", s.apdex);
    String rating = Apdex.rating(s.apdex);
    if (rating == null) {
      g.writeNullField("apdex_rating");
    } else {
      g.writeStringField("apdex_rating", rating);
    }
    g.writeNumberField("in_flight", s.inFlight);
    g.writeBooleanField("healthy", healthy);
  }

  private void sql(JsonGenerator g, RouteContext ctx) throws IOException {
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

  private static void executors(JsonGenerator g, String field, List<PoolView> pools, String kind) throws IOException {
    g.writeArrayFieldStart(field);
    for (PoolView p : pools) {
      if (kind.equals(p.kind)) {
        g.writeStartObject();
        g.writeStringField("name", p.name);
        g.writeNumberField("active", p.active);
        g.writeNumberField("max", p.max);
        g.writeNumberField("queued", p.pending);
        number(g, "utilization", p.utilization());
        number(g, "queue_wait_p99_ms", p.waitP99Ms);
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  /** Since start: statements of one route are many, so their quantile is not windowed. */
  private static double p99(RouteDependencies.Entry e) {
    Point.Histogram h = e.histogram().snapshot();
    return RecentQuantiles.quantileMillis(h.upperBounds, h.counts, null, 0.99);
  }

  private RouteHistory.Series series(EndpointSummary s, int minutes) {
    RouteHistory h = in.history.of(s.method, s.route);
    return h == null ? new RouteHistory().last(0) : h.last(minutes);
  }

  private static void minutes(JsonGenerator g, RouteHistory.Series s) throws IOException {
    g.writeArrayFieldStart("minute_ms");
    for (long m : s.minuteMs) {
      g.writeNumber(m);
    }
    g.writeEndArray();
  }

  private static void values(JsonGenerator g, String field, RouteHistory.Series s, int signal) throws IOException {
    g.writeArrayFieldStart(field);
    for (double v : s.of(signal)) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        g.writeNull();
      } else {
        g.writeNumber(Math.round(v * 1000) / 1000.0);
      }
    }
    g.writeEndArray();
  }

  private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /** NaN (no data) is written as null: JSON has no NaN. Same rounding as /vigil/signals. */
  static void number(JsonGenerator g, String field, double value) throws IOException {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, Math.round(value * 1000) / 1000.0);
    }
  }

  /** {@code a=1&b=%2Fx}, decoded; IllegalArgumentException on a broken escape. */
  static Map<String, String> parse(String query) {
    Map<String, String> out = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      out.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }
}
