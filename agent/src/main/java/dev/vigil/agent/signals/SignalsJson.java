package dev.vigil.agent.signals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The golden signals of every endpoint as one JSON document, for scripts and dashboards: {@code /vigil/signals}. */
public final class SignalsJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int TOP_FINDINGS = 20;
  private static final String[] QUANTILE_FIELDS = {"p50_ms", "p90_ms", "p99_ms", "p999_ms"};

  private final EndpointRegistry registry;
  private final String serviceName;
  private final NPlusOneFindings nPlusOne;
  private volatile Saturation saturation;
  private final CacheRequests cache;

  public SignalsJson(EndpointRegistry registry, String serviceName) {
    this(registry, serviceName, null);
  }

  /** {@code nPlusOne} may be null (detection off): the array is then absent. */
  public SignalsJson(EndpointRegistry registry, String serviceName, NPlusOneFindings nPlusOne) {
    this(registry, serviceName, nPlusOne, null);
  }

  /** {@code cache} may be null: the {@code cache} array is then absent. */
  public SignalsJson(EndpointRegistry registry, String serviceName, NPlusOneFindings nPlusOne, CacheRequests cache) {
    this.registry = registry;
    this.serviceName = serviceName;
    this.nPlusOne = nPlusOne;
    this.cache = cache;
  }

  /** Adds the saturation section: every bounded resource, most saturated first. */
  public SignalsJson withSaturation(Saturation s) {
    this.saturation = s;
    return this;
  }

  public byte[] render() throws IOException {
    long now = System.nanoTime();
    List<EndpointSummary> summaries = registry.endpoints().stream()
        .map(s -> EndpointSummary.of(s, now))
        .filter(s -> s.requestsTotal > 0 || s.inFlight > 0)
        .sorted(Comparator.comparing((EndpointSummary s) -> s.route).thenComparing(s -> s.method))
        .collect(Collectors.toList());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + 256 * summaries.size());
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("service", serviceName);
      g.writeNumberField("window_seconds", registry.windowNanos() / 1_000_000_000L);
      g.writeNumberField("timestamp_ms", System.currentTimeMillis());
      g.writeArrayFieldStart("endpoints");
      for (EndpointSummary s : summaries) {
        g.writeStartObject();
        g.writeStringField("method", s.method);
        g.writeStringField("route", s.route);
        g.writeNumberField("requests_total", s.requestsTotal);
        g.writeNumberField("window_requests", s.windowRequests);
        number(g, "rate_per_second", s.ratePerSecond);
        number(g, "error_ratio", s.errorRatio);
        for (int i = 0; i < QUANTILE_FIELDS.length; i++) {
          number(g, QUANTILE_FIELDS[i], s.quantileSeconds[i] * 1000);
        }
        number(g, "apdex", s.apdex);
        g.writeNumberField("in_flight", s.inFlight);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("endpoints_folded", registry.folded());
      if (nPlusOne != null) {
        writeNPlusOne(g);
      }
      if (saturation != null) {
        writeSaturation(g);
      }
      if (cache != null) {
        writeCache(g);
      }
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }

  /** The N+1 findings seen in most requests: route, statement (sanitized), most executions in one request. */
  private void writeNPlusOne(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("n_plus_one");
    for (NPlusOneFindings.Finding f : nPlusOne.top(TOP_FINDINGS)) {
      g.writeStartObject();
      g.writeStringField("route", f.route);
      g.writeStringField("db_system_name", f.system);
      g.writeStringField("statement", f.statement);
      g.writeNumberField("count", f.maxCount());
      g.writeNumberField("occurrences", f.occurrences());
      if (f.exampleTraceId() != null) {
        g.writeStringField("example_trace_id", f.exampleTraceId());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** The most saturated resource by name (null when all are idle), then every resource, most saturated first. */
  private void writeSaturation(JsonGenerator g) throws IOException {
    List<Saturation.Resource> resources = saturation.resources();
    Saturation.Resource top = Saturation.top(resources);
    if (top == null) {
      g.writeNullField("most_saturated");
    } else {
      g.writeStringField("most_saturated", top.name);
    }
    g.writeArrayFieldStart("saturation");
    for (Saturation.Resource r : resources) {
      g.writeStartObject();
      g.writeStringField("resource", r.name);
      number(g, "ratio", r.ratio());
      g.writeNumberField("busy", r.busy);
      g.writeNumberField("capacity", r.capacity);
      g.writeNumberField("waiting", r.waiting);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Cache reads per database system: hits, misses and the hit ratio (null before any read). */
  private void writeCache(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("cache");
    for (CacheRequests.Counts c : cache.all()) {
      long hits = c.hits();
      long misses = c.misses();
      g.writeStartObject();
      g.writeStringField("db_system_name", c.system);
      g.writeNumberField("hits", hits);
      g.writeNumberField("misses", misses);
      number(g, "hit_ratio", hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** NaN (no data in the window) is written as null: JSON has no NaN. */
  private static void number(JsonGenerator g, String field, double value) throws IOException {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, Math.round(value * 1000) / 1000.0);
    }
  }
}
