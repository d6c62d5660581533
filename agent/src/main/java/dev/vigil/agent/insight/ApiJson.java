package dev.vigil.agent.insight;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.agent.signals.EndpointSummary;
import dev.vigil.exporter.http.HttpEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the documents of {@code /vigil/api/*} share (Jackson streaming, null for NaN, the route row, history arrays),
 * and {@code /vigil/api/overview}. Times in ms, rates per second.
 */
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

  static HttpEndpoint.Response json(int status, byte[] body) {
    return new HttpEndpoint.Response(status, "application/json", body);
  }

  static byte[] write(Body body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      body.write(g);
    }
    return bytes.toByteArray();
  }

  static HttpEndpoint.Response error(int status, String message) throws IOException {
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
        RouteHistory.Series spark = series(in, row.summary, SPARK_MINUTES);
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

  /** The fields an overview row and a route document share: the same numbers as /vigil/signals. */
  static void row(JsonGenerator g, EndpointSummary s, boolean healthy) throws IOException {
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

  static RouteHistory.Series series(Insight in, EndpointSummary s, int minutes) {
    RouteHistory h = in.history.of(s.method, s.route);
    return h == null ? new RouteHistory().last(0) : h.last(minutes);
  }

  static void minutes(JsonGenerator g, RouteHistory.Series s) throws IOException {
    g.writeArrayFieldStart("minute_ms");
    for (long m : s.minuteMs) {
      g.writeNumber(m);
    }
    g.writeEndArray();
  }

  static void values(JsonGenerator g, String field, RouteHistory.Series s, int signal) throws IOException {
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

  static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
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
