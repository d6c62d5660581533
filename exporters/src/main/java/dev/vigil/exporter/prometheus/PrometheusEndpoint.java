package dev.vigil.exporter.prometheus;

import dev.vigil.exporter.http.HttpEndpoint;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /metrics}: every producer's families, in the format the scraper asked for: the protobuf format (with native
 * histograms) when the Accept header names it, as Prometheus does with native histograms on; else OpenMetrics or text.
 */
public final class PrometheusEndpoint implements HttpEndpoint {
  private final List<MetricProducer> producers;
  /** Bytes of the last scrape: the next one starts with that much room (no doubling copies of a large body). */
  private volatile int lastSize = 16 * 1024;

  public PrometheusEndpoint(List<MetricProducer> producers) {
    this.producers = producers;
  }

  @Override
  public Response handle(Map<String, String> headers, String query) throws Exception {
    List<MetricFamily> families = new ArrayList<>();
    for (MetricProducer p : producers) {
      try {
        p.collect(families);
      } catch (RuntimeException e) {
        // One failing producer must not empty the whole scrape.
      }
    }
    families = merge(families);
    if (PrometheusProtobuf.accepted(headers.get("accept"))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(lastSize + lastSize / 8);
      PrometheusProtobuf.write(families, bytes);
      return new Response(200, PrometheusProtobuf.CONTENT_TYPE, bytes.toByteArray());
    }
    PrometheusFormat format = PrometheusFormat.negotiate(headers.get("accept"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(lastSize + lastSize / 8);
    // Buffered: an OutputStreamWriter encodes each write() on its own, allocating a CharBuffer per label and value.
    try (Writer w = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 8192)) {
      format.write(families, w);
    }
    lastSize = bytes.size();
    return new Response(200, format.contentType(), bytes.toByteArray());
  }

  /**
   * Families of one name from several producers (vigil_metric_series_folded) become one: a name appears once, on
   * /metrics and in an OTLP push alike.
   */
  public static List<MetricFamily> merge(List<MetricFamily> families) {
    Map<String, MetricFamily> byName = new LinkedHashMap<>();
    for (MetricFamily f : families) {
      MetricFamily seen = byName.get(f.name);
      if (seen == null) {
        byName.put(f.name, f);
      } else {
        List<Point> points = new ArrayList<>(seen.points);
        points.addAll(f.points);
        byName.put(f.name, seen.withPoints(points));
      }
    }
    return new ArrayList<>(byName.values());
  }
}
