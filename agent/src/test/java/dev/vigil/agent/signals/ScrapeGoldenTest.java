package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.prometheus.PrometheusEndpoint;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fixed registry rendered in every format (text 0.0.4, OpenMetrics with exemplars, /vigil/signals JSON) must match
 * the committed golden files byte for byte, so a faster scrape cannot change what scrapers see. Only wall-clock
 * values (exemplar timestamps, timestamp_ms, rate_per_second) are masked. Set -Dgolden.write=DIR to regenerate.
 */
class ScrapeGoldenTest {
  private static EndpointRegistry registry() {
    EndpointRegistry registry = new EndpointRegistry(10, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
    for (int e = 0; e < 4; e++) {
      EndpointStats stats = registry.get(e % 2 == 0 ? "GET" : "POST", "/api/res\"" + e + "\\/{id}");
      for (int k = 0; k < 40; k++) {
        String trace = k % 7 == 0 ? String.format("%032x", k + 1) : null;
        stats.complete(137_000L * (k + 1) * (e + 1), k % 10 == 0 ? 500 : k % 13 == 0 ? 404 : 200,
            k == 33 ? "java.io.IOException" : null, trace, trace == null ? null : String.format("%016x", k + 1));
      }
    }
    registry.get("PUT", "/in-flight-only").enter();
    return registry;
  }

  @Test
  void text004() throws Exception {
    check("metrics-0.0.4.txt", scrape(""));
  }

  @Test
  void openMetricsWithExemplars() throws Exception {
    check("metrics-openmetrics.txt", scrape("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .replaceAll("(# \\{[^}]*\\} [0-9.eE+-]+) [0-9.]+", "$1 TS"));
  }

  @Test
  void signalsJson() throws Exception {
    String json = new String(new SignalsJson(registry(), "golden").render(), StandardCharsets.UTF_8);
    check("signals.json", json.replaceAll("\"timestamp_ms\" : \\d+", "\"timestamp_ms\" : TS")
        .replaceAll("\"rate_per_second\" : [0-9.eE+-]+", "\"rate_per_second\" : RATE"));
  }

  private static String scrape(String accept) throws Exception {
    PrometheusEndpoint endpoint = new PrometheusEndpoint(List.of(new HttpServerMetrics(registry())));
    Map<String, String> headers = accept.isEmpty() ? Map.of() : Map.of("accept", accept);
    return new String(endpoint.handle(headers, null).body, StandardCharsets.UTF_8);
  }

  private static void check(String name, String actual) throws Exception {
    String dir = System.getProperty("golden.write");
    if (dir != null) {
      Files.writeString(Path.of(dir, name), actual);
    }
    try (InputStream in = ScrapeGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
