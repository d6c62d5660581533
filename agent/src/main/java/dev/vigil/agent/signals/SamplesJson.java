package dev.vigil.agent.signals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /vigil/api/samples}: per endpoint, the requests and failures of the sliding window and a uniform sample of the
 * latencies of its successful requests, in milliseconds. What {@code vigil-agent.jar compare} reads from two instances.
 */
public final class SamplesJson {
  private static final JsonFactory JSON = new JsonFactory();

  private final EndpointRegistry registry;
  private final String serviceName;
  private final int limit;

  /** {@code limit}: most latencies written per endpoint. */
  public SamplesJson(EndpointRegistry registry, String serviceName, int limit) {
    this.registry = registry;
    this.serviceName = serviceName;
    this.limit = Math.max(0, limit);
  }

  public byte[] render() throws IOException {
    long now = System.nanoTime();
    List<EndpointStats> endpoints = registry.endpoints().stream()
        .filter(s -> s.windowOrNull() != null)
        .sorted(Comparator.comparing((EndpointStats s) -> s.route).thenComparing(s -> s.method))
        .collect(Collectors.toList());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + endpoints.size() * 64);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("service", serviceName);
      g.writeNumberField("timestamp_ms", System.currentTimeMillis());
      g.writeNumberField("window_seconds", registry.windowNanos() / 1e9);
      g.writeArrayFieldStart("routes");
      for (EndpointStats s : endpoints) {
        write(g, s, now);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }

  private void write(JsonGenerator g, EndpointStats s, long now) throws IOException {
    SlidingWindow.Snapshot window = s.windowOrNull().snapshot(now, s.countersNow());
    LatencyReservoir reservoir = s.samplesOrNull();
    int[] micros = reservoir == null ? new int[0] : reservoir.sample(limit);
    g.writeStartObject();
    g.writeStringField("method", s.method);
    g.writeStringField("route", s.route);
    g.writeNumberField("count", window.counterDeltas[EndpointStats.REQUESTS]);
    g.writeNumberField("errors", window.counterDeltas[EndpointStats.ERRORS]);
    // the time the counts cover: shorter than the configured window while the process is young
    g.writeNumberField("window_seconds", Math.round(window.spanNanos / 1e6) / 1000.0);
    g.writeArrayFieldStart("samples_ms");
    for (int us : micros) {
      g.writeNumber(us / 1000.0);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
